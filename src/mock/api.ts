// The mock of the Ngorder API as a request handler: it routes a request with the contract checker,
// validates it with the checker's own request validation (one source of truth), answers an invalid
// one as this Laravel API does (400, field messages by dotted path, English or Indonesian), and
// otherwise the documented response the request prefers (Prefer: code=, example=) with its
// example, or the fault it asks for (Prefer: fault=, delay=). Every request is kept in `requests`.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { ContractChecker, type ContractFailure, type RoutedRequest } from "../contract/checker.ts";
import type { HarHeader } from "../contract/har.ts";
import type { RouteMatch } from "../contract/router.ts";
import { bareMediaType, isJsonMediaType, loadSpec, type Json } from "../spec/document.ts";
import type { OperationModel } from "../spec/model.ts";
import { redactUrl } from "../redaction.ts";
import { isSecretName, REDACTED } from "../sensitivity.ts";
import { parseFormPairs, type FormValue } from "../wire.ts";
import { documentedAnswer, failed, mockError, type Answer } from "./answers.ts";
import { DEFAULT_RETRY_AFTER_S, parsePrefer, type Fault, type Preferences } from "./prefer.ts";
import { BodyTooLarge, parseBody, readBytes, type ParsedBody } from "./request-body.ts";
import { isMissingBody, languageOf, unreadableBodyMessage, validationMessage } from "./validation-messages.ts";

/**
 * The status of a validation error: 400, the status the vendor doc's error table gives an invalid
 * request and the one its field-message examples are documented under (CONVENTIONS.md §9).
 */
export const VALIDATION_STATUS = 400;

export interface MockOptions {
  /** The bundled spec: a path to its JSON, or the document. Default: the one in this package. */
  spec?: string | Json;
  /** Called with one line per answered request (method, path, status, operation). Default: silent. */
  log?: (line: string) => void;
  /** Larger bodies are refused with 413. Default 10 MiB. */
  maxBodyBytes?: number;
  /** How many requests `requests` keeps (the oldest are dropped). Default 1000. */
  maxLoggedRequests?: number;
}

/** A request the mock received, as a test can assert it. */
export interface MockRequest {
  method: string;
  /** The path as sent, with the base path (`/api/open/warehouse/22`). */
  path: string;
  /** The query, read in the wire format (`ids[0]=1` → `{ ids: ["1"] }`); credential-named values `[REDACTED]`. */
  query: Record<string, FormValue>;
  /** Lower-case names; credentials (Authorization, Cookie, keys, tokens) are `[REDACTED]`. */
  headers: Record<string, string>;
  /**
   * The parsed body, as sent: a JSON value, form fields (files as `{fileName, contentType, size}`),
   * or text. It stays in this process's memory and is never printed.
   */
  body?: unknown;
  /** The operationId the request was routed to. */
  operation?: string;
  /** The status answered; undefined while waiting, and for `fault=reset` and `fault=timeout`. */
  status?: number;
  fault?: Fault;
}

export interface MockApi {
  /** The API's base path (`/api/open`): requests outside it are not the mock's (`handle` returns false). */
  basePath: string;
  requests: MockRequest[];
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Ends the answers still waiting (delays, `fault=timeout`). */
  close(): void;
}

type Action = { kind: "answer"; answer: Answer } | { kind: "reset" } | { kind: "hold" };

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const FORM_MEDIA_TYPES = new Set(["multipart/form-data", "application/x-www-form-urlencoded"]);
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g; // eslint-disable-line no-control-regex

function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSecretName(name) ? REDACTED : Array.isArray(value) ? value.join(", ") : String(value ?? ""),
    ]),
  );
}

function harHeaders(req: IncomingMessage): HarHeader[] {
  const headers: HarHeader[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    headers.push({ name: req.rawHeaders[i]!, value: req.rawHeaders[i + 1]! });
  return headers;
}

const withHeaders = (answer: Answer, headers: Record<string, string>): Answer => ({
  ...answer,
  headers: { ...answer.headers, ...headers },
});

export function createMockApi(options: MockOptions = {}): MockApi {
  const spec = typeof options.spec === "object" ? options.spec : loadSpec(options.spec);
  const checker = new ContractChecker(spec);
  const basePath = checker.model.basePaths[0] ?? "";
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxLogged = options.maxLoggedRequests ?? 1000;
  const requests: MockRequest[] = [];
  const waiting = new Set<ServerResponse>();
  const delays = new Map<NodeJS.Timeout, () => void>();

  /**
   * The checker's failures. Laravel reads a missing body as empty input and names each required
   * field, so a required body left out is checked again as an empty one of its media type: `{}`,
   * or a form without fields (HAR `text` of a form that holds no pair).
   */
  function check(operation: OperationModel, request: RoutedRequest): ContractFailure[] {
    const failures = checker.checkRequest(operation, request);
    const body = operation.body;
    if (!body || !failures.some((f) => isMissingBody(operation, f))) return failures;
    const text = isJsonMediaType(body.mediaType)
      ? "{}"
      : FORM_MEDIA_TYPES.has(bareMediaType(body.mediaType))
        ? "&"
        : "";
    if (!text) return failures;
    const empty = checker.checkRequest(operation, { ...request, postData: { mimeType: body.mediaType, text } });
    return empty.length ? empty : failures;
  }

  function answerFor(
    operation: OperationModel,
    prefer: Preferences,
    req: IncomingMessage,
    url: URL,
    pathParams: Record<string, string>,
    body: ParsedBody,
  ): Answer {
    const retryAfter = { "retry-after": String(prefer.retryAfterS ?? DEFAULT_RETRY_AFTER_S) };
    if (prefer.fault === "503" || prefer.fault === "429") {
      const chosen = documentedAnswer(spec, operation, Number(prefer.fault));
      const answer = chosen.ok ? chosen.answer : failed(Number(prefer.fault), `Prefer: fault=${prefer.fault}`);
      return withHeaders(answer, retryAfter);
    }
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
      const chosen = documentedAnswer(spec, operation, 401);
      return chosen.ok
        ? chosen.answer
        : failed(401, "Unauthenticated: send Authorization: Bearer <token> (any token works on the mock)");
    }
    const language = languageOf(req.headers["accept-language"]);
    const contentType = req.headers["content-type"];
    if (body.unreadable) return failed(VALIDATION_STATUS, unreadableBodyMessage(language, contentType ?? ""));
    const failures = check(operation, {
      url,
      pathParams,
      ...(body.postData ? { postData: body.postData } : {}),
      headers: harHeaders(req),
    });
    if (failures.length) {
      const context = {
        ...(contentType ? { contentType } : {}),
        ...(body.jsonError ? { jsonError: body.jsonError } : {}),
      };
      return failed(VALIDATION_STATUS, validationMessage(spec, operation, failures, language, context));
    }
    const status = prefer.code ?? Number(operation.success?.status);
    if (!Number.isInteger(status)) return mockError(501, `${operation.id} documents no success response`);
    const chosen = documentedAnswer(spec, operation, status, prefer.example);
    if (!chosen.ok) return mockError(422, `Prefer: ${prefer.applied.join(", ")}: ${chosen.error}`);
    return prefer.retryAfterS !== undefined && (status === 429 || status === 503)
      ? withHeaders(chosen.answer, retryAfter)
      : chosen.answer;
  }

  async function decide(req: IncomingMessage, url: URL, route: RouteMatch, entry: MockRequest): Promise<Action> {
    let bytes: Buffer;
    try {
      bytes = await readBytes(req, maxBody);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      const answer = mockError(413, `The request body is larger than the mock accepts (${maxBody} bytes)`);
      return { kind: "answer", answer: withHeaders(answer, { connection: "close" }) };
    }
    const body = await parseBody(bytes, req.headers["content-type"]);
    if (body.value !== undefined) entry.body = body.value;
    if (route.kind !== "operation") {
      const message = checker.describeUnmatched(route, entry.method, url);
      if (route.kind === "method-not-documented")
        return { kind: "answer", answer: failed(405, message, { allow: route.documented.join(", ") }) };
      return { kind: "answer", answer: failed(404, message) };
    }
    const parsed = parsePrefer(String(req.headers.prefer ?? ""));
    if (!parsed.ok) return { kind: "answer", answer: mockError(422, parsed.error) };
    const prefer = parsed.preferences;
    if (prefer.delayMs) await wait(prefer.delayMs);
    if (prefer.fault === "reset" || prefer.fault === "timeout") {
      entry.fault = prefer.fault;
      return { kind: prefer.fault === "reset" ? "reset" : "hold" };
    }
    if (prefer.fault) entry.fault = prefer.fault;
    const answer = answerFor(route.operation, prefer, req, url, route.pathParams, body);
    const applied: Record<string, string> =
      prefer.applied.length && !answer.headers["x-mock-error"]
        ? { "preference-applied": prefer.applied.join(", ") }
        : {};
    return { kind: "answer", answer: withHeaders(answer, applied) };
  }

  /** Resolves after `ms`, or at once when the mock closes. */
  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.set(timer, resolve);
    });
  }

  function remember(entry: MockRequest): void {
    requests.push(entry);
    if (requests.length > maxLogged) requests.splice(0, requests.length - maxLogged);
  }

  function logLine(entry: MockRequest, url: URL): void {
    const outcome = entry.status ?? `fault=${entry.fault}`;
    const shown = new URL(redactUrl(url.href));
    const line = `${entry.method} ${shown.pathname}${shown.search} → ${outcome}${entry.operation ? ` ${entry.operation}` : ""}`;
    options.log?.(line.replace(CONTROL, "?"));
  }

  return {
    basePath,
    requests,
    async handle(req, res) {
      let url: URL;
      try {
        url = new URL(`http://mock.invalid${req.url ?? "/"}`);
      } catch {
        return false; // not a path: the server answers it
      }
      const method = (req.method ?? "GET").toUpperCase();
      const route = checker.route(method, url);
      if (route.kind === "outside-base-path") return false;
      const entry: MockRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(
          [...parseFormPairs(url.searchParams)].map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]),
        ),
        headers: loggedHeaders(req.headers),
        ...(route.kind === "operation" ? { operation: route.operation.id } : {}),
      };
      remember(entry);
      waiting.add(res);
      res.on("close", () => waiting.delete(res));
      const action = await decide(req, url, route, entry);
      if (res.destroyed) return true; // the client left, or the mock closed, while it waited
      if (action.kind === "reset") req.socket.destroy();
      else if (action.kind === "answer") {
        entry.status = action.answer.status;
        res.writeHead(action.answer.status, action.answer.headers).end(action.answer.body);
        if (action.answer.headers.connection === "close") res.on("finish", () => req.socket.destroy());
      } // "hold": no answer; the connection ends when the client gives up or the mock closes
      logLine(entry, url);
      return true;
    },
    close() {
      for (const res of waiting) res.socket?.destroy();
      for (const [timer, resolve] of delays) {
        clearTimeout(timer);
        resolve();
      }
      delays.clear();
    },
  };
}

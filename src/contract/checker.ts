// Checks one recorded exchange (a HAR entry) against the spec: the operation it belongs to, the
// request's path, query and body, and the response's status, media type and body.
import { bareMediaType, isJsonMediaType, joinPointer, type Json } from "../spec/document.ts";
import { specModel, type OperationModel, type ParameterModel, type SpecModel } from "../spec/model.ts";
import { parseFormPairs, type FormPairProblem, type FormValue } from "../wire.ts";
import { coerceFormValue } from "./form-values.ts";
import { entryShapeProblems, header, responseText, type HarEntry, type HarHeader, type HarPostData } from "./har.ts";
import { Router, type RouteMatch } from "./router.ts";
import { SpecValidators } from "./validators.ts";

export type FailureLocation =
  | "har"
  | "route"
  | "request.path"
  | "request.query"
  | "request.body"
  | "response.status"
  | "response.media-type"
  | "response.body"
  | "spec";

export interface ContractFailure {
  location: FailureLocation;
  /** JSON pointer into the checked part (the body, the query as an object, ...); "" is all of it. */
  pointer: string;
  /** Where in the spec the broken rule is written. */
  schemaPointer?: string;
  message: string;
  /** For schema failures: the JSON Schema keyword that failed and its parameters (Ajv's). */
  keyword?: string;
  params?: Record<string, unknown>;
}

export interface OperationName {
  id: string;
  method: string;
  path: string;
}

export interface EntryResult {
  /** Position of the entry in `log.entries`, from 0. */
  index: number;
  comment?: string;
  /** "GET https://..." as recorded. */
  request: string;
  operation?: OperationName;
  failures: ContractFailure[];
}

export interface CheckerOptions {
  /** Base paths the spec's paths are under; default: the path of each server URL ("/api/open"). */
  basePaths?: string[];
}

const fail = (
  location: FailureLocation,
  pointer: string,
  message: string,
  schemaPointer?: string,
): ContractFailure => ({
  location,
  pointer,
  message,
  ...(schemaPointer ? { schemaPointer } : {}),
});

const list = (items: Iterable<string>) => [...items].join(", ") || "none";

/** The most failures listed for one entry; a garbage body would otherwise list thousands. */
export const MAX_FAILURES_PER_ENTRY = 20;
/** Recorded text quoted in a report (URLs, comments, media types) is cut to this length. */
const MAX_QUOTED = 500;

const clip = (text: string) => (text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);

function capFailures(result: EntryResult): EntryResult {
  const more = result.failures.length - MAX_FAILURES_PER_ENTRY;
  if (more > 0) {
    const { location } = result.failures[MAX_FAILURES_PER_ENTRY]!;
    result.failures.splice(MAX_FAILURES_PER_ENTRY);
    result.failures.push(fail(location, "", `and ${more} more failure(s) in this entry, not listed`));
  }
  return result;
}

/** A request as recorded, routed to its operation: what the request checks read. */
export interface RoutedRequest {
  url: URL;
  pathParams: Record<string, string>;
  postData?: HarPostData;
  headers?: HarHeader[];
}

export class ContractChecker {
  readonly spec: Json;
  /** As given: a checker on another thread is built from `spec` and these. */
  readonly options: CheckerOptions;
  readonly model: SpecModel;
  readonly operations: OperationModel[];
  #validators: SpecValidators | undefined;
  readonly #router: Router;

  constructor(spec: Json, options: CheckerOptions = {}) {
    this.spec = spec;
    this.options = options;
    this.model = specModel(spec);
    this.operations = this.model.operations;
    this.#router = new Router(this.operations, options.basePaths ?? this.model.basePaths);
  }

  /** The spec's validators, made on first use: a checker that only routes (the main thread of a parallel check) never needs them. */
  get #schemas(): SpecValidators {
    return (this.#validators ??= SpecValidators.of(this.spec));
  }

  /** Compiles every schema the operations use, returning those that do not compile. */
  compileAll(): ContractFailure[] {
    const problems: ContractFailure[] = [];
    for (const operation of this.operations) {
      for (const pointer of this.model.schemaPointers(operation)) {
        try {
          this.#schemas.validatorAt(pointer);
        } catch (error) {
          problems.push(fail("spec", "", `schema does not compile: ${(error as Error).message}`, `#${pointer}`));
        }
      }
    }
    return problems;
  }

  /** The operation a request belongs to (method and path under a base path), or why there is none. */
  route(method: string, url: URL): RouteMatch {
    return this.#router.match(method, url);
  }

  /** Why a request matches no operation, in one sentence. */
  describeUnmatched(route: Exclude<RouteMatch, { kind: "operation" }>, method: string, url: URL): string {
    return describeUnmatched(route, method, url);
  }

  /**
   * Checks one entry, which may be any value read from a file: what is not a HAR entry is reported
   * as such. At most MAX_FAILURES_PER_ENTRY failures are listed, then how many more there were.
   */
  checkEntry(entry: HarEntry | unknown, index: number): EntryResult {
    const raw = entry as { request?: { method?: unknown; url?: unknown }; comment?: unknown };
    const method = typeof raw?.request?.method === "string" ? raw.request.method.toUpperCase() : "";
    const href = typeof raw?.request?.url === "string" ? raw.request.url : "";
    const result: EntryResult = { index, request: clip(`${method} ${href}`), failures: [] };
    if (typeof raw?.comment === "string") result.comment = clip(raw.comment);
    const shape = entryShapeProblems(entry);
    if (shape.length) {
      for (const { pointer, message } of shape)
        result.failures.push(fail("har", pointer, `not a HAR entry: ${message}`));
      return capFailures(result);
    }
    const har = entry as HarEntry;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      result.failures.push(fail("har", "/request/url", `not an absolute URL: ${clip(href)}`));
      return result;
    }
    const route = this.#router.match(method, url);
    if (route.kind !== "operation") {
      result.failures.push(fail("route", "", clip(describeUnmatched(route, method, url))));
      return result;
    }
    const { operation } = route;
    result.operation = { id: operation.id, method, path: operation.path };
    const request: RoutedRequest = {
      url,
      pathParams: route.pathParams,
      ...(har.request.postData ? { postData: har.request.postData } : {}),
      headers: har.request.headers ?? [],
    };
    try {
      result.failures.push(...this.checkRequest(operation, request));
      this.#checkResponse(result.failures, operation, har);
    } catch (error) {
      result.failures.push(fail("har", "", `could not be checked: ${clip((error as Error).message)}`));
    }
    return capFailures(result);
  }

  /** The request's path parameters, query and body against the operation (the mock validates with this). */
  checkRequest(operation: OperationModel, request: RoutedRequest): ContractFailure[] {
    const failures: ContractFailure[] = [];
    for (const p of operation.pathParameters)
      this.#checkParameter(failures, "request.path", p, request.pathParams[p.name] ?? "");
    this.#checkQuery(failures, operation, request.url);
    this.#checkRequestBody(failures, operation, request);
    return failures;
  }

  #validate(
    failures: ContractFailure[],
    location: FailureLocation,
    prefix: string,
    schemaPointer: string,
    value: unknown,
  ): void {
    for (const e of this.#schemas.validate(schemaPointer, value))
      failures.push({
        ...fail(location, prefix + e.pointer, e.message, e.schemaPointer),
        keyword: e.keyword,
        params: e.params,
      });
  }

  #checkParameter(
    failures: ContractFailure[],
    location: FailureLocation,
    parameter: ParameterModel,
    raw: FormValue,
  ): void {
    if (!parameter.schemaPointer) return;
    const value = parameter.commaSeparated && typeof raw === "string" ? raw.split(",") : raw;
    this.#validate(
      failures,
      location,
      parameter.valuePointer,
      parameter.schemaPointer,
      coerceFormValue(this.spec, parameter.schema, value),
    );
  }

  #checkQuery(failures: ContractFailure[], operation: OperationModel, url: URL): void {
    if (!url.search && operation.queryParameters.every((p) => !p.required)) return;
    // A name declared with its brackets ("ids[]") is taken as sent; other names are parsed.
    const exact = new Map<string, FormValue>();
    const rest: [string, string][] = [];
    for (const [name, value] of url.searchParams) {
      if (!operation.queryNames.has(name)) rest.push([name, value]);
      else {
        const previous = exact.get(name);
        exact.set(name, previous === undefined ? value : [previous, value].flat());
      }
    }
    const unread: FormPairProblem[] = [];
    const values = parseFormPairs(rest, unread);
    for (const { name, message } of unread) failures.push(fail("request.query", joinPointer("", name), message));
    for (const [name, value] of exact) values.set(name, value);

    for (const parameter of operation.queryParameters) {
      const value = values.get(parameter.name);
      values.delete(parameter.name);
      if (value !== undefined) this.#checkParameter(failures, "request.query", parameter, value);
      else if (parameter.required)
        failures.push(
          fail("request.query", parameter.valuePointer, "required query parameter is missing", parameter.pointer),
        );
    }
    for (const name of values.keys()) {
      failures.push(
        fail(
          "request.query",
          joinPointer("", name),
          `is not a documented query parameter (documented: ${list(operation.queryNames)})`,
          `${operation.pointer}/parameters`,
        ),
      );
    }
  }

  #checkRequestBody(failures: ContractFailure[], operation: OperationModel, request: RoutedRequest): void {
    const postData = request.postData;
    const sent = postData !== undefined && ((postData.text ?? "") !== "" || (postData.params?.length ?? 0) > 0);
    const body = operation.body;
    if (!body) {
      if (sent) failures.push(fail("request.body", "", "the operation documents no request body", operation.pointer));
      return;
    }
    if (!sent) {
      if (body.required) failures.push(fail("request.body", "", "the required request body is missing", body.pointer));
      return;
    }
    const contentType = postData.mimeType || header(request.headers ?? [], "content-type") || "";
    const mediaType = body.content.match(contentType);
    if (mediaType === undefined) {
      failures.push(
        fail(
          "request.body",
          "",
          `media type "${clip(contentType)}" is not documented (documented: ${list(body.content.mediaTypes)})`,
          body.content.pointer,
        ),
      );
      return;
    }
    const schema = body.content.schemaOf(mediaType);
    if (!schema) return;
    const bare = bareMediaType(contentType);
    if (isJsonMediaType(bare)) {
      const parsed = parseJson(postData.text ?? "");
      if (parsed.ok) this.#validate(failures, "request.body", "", schema.pointer, parsed.value);
      else failures.push(fail("request.body", "", `not valid JSON: ${clip(parsed.error)}`));
    } else if (bare === "multipart/form-data" || bare === "application/x-www-form-urlencoded") {
      const unread: FormPairProblem[] = [];
      const fields = Object.fromEntries(formFields(postData, unread));
      for (const { name, message } of unread) failures.push(fail("request.body", joinPointer("", name), message));
      this.#validate(failures, "request.body", "", schema.pointer, coerceFormValue(this.spec, schema.schema, fields));
    } // other media types (files) are checked by media type only
  }

  #checkResponse(failures: ContractFailure[], operation: OperationModel, entry: HarEntry): void {
    const status = String(entry.response.status);
    const key = responseKey(operation, status);
    if (key === undefined) {
      failures.push(
        fail(
          "response.status",
          "",
          `status ${status} is not documented (documented: ${list(operation.responses.keys())})`,
          operation.responsesPointer,
        ),
      );
      return;
    }
    const response = operation.responses.get(key)!;
    const contentType = header(entry.response.headers ?? [], "content-type") || entry.response.content?.mimeType || "";
    const text = entry.response.content ? responseText(entry.response.content) : undefined;
    if (!response.content) {
      if (text)
        failures.push(
          fail(
            "response.media-type",
            "",
            `status ${status} documents no body, but one was sent (${clip(contentType) || "no content-type"})`,
            response.pointer,
          ),
        );
      return;
    }
    const mediaType = response.content.match(contentType);
    if (mediaType === undefined) {
      failures.push(
        fail(
          "response.media-type",
          "",
          `media type "${clip(contentType) || "none"}" is not documented for status ${status} (documented: ${list(response.content.mediaTypes)})`,
          response.content.pointer,
        ),
      );
      return;
    }
    const schema = response.content.schemaOf(mediaType);
    if (!isJsonMediaType(contentType) || !schema) return; // binary bodies: status and media type only
    if (text === undefined) {
      failures.push(fail("response.body", "", "the JSON body was not recorded (HAR content.text is missing)"));
      return;
    }
    const parsed = parseJson(text);
    if (parsed.ok) this.#validate(failures, "response.body", "", schema.pointer, parsed.value);
    else failures.push(fail("response.body", "", `not valid JSON: ${clip(parsed.error)}`));
  }
}

function describeUnmatched(route: Exclude<RouteMatch, { kind: "operation" }>, method: string, url: URL): string {
  switch (route.kind) {
    case "outside-base-path":
      return `${method} ${url.pathname} is not under the API's base path (${list(route.basePaths)})`;
    case "unknown-path":
      return `${method} ${route.path} matches no path of the spec`;
    case "method-not-documented":
      return `${method} is not documented for ${route.template} (documented: ${list(route.documented)})`;
  }
}

/** The documented response a status falls under: its own, its class's (`2XX`), else `default`. */
function responseKey({ responses }: OperationModel, status: string): string | undefined {
  if (responses.has(status)) return status;
  for (const key of [`${status[0]}XX`, `${status[0]}xx`, "default"]) if (responses.has(key)) return key;
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The fields of a form body: HAR `params`, or the text of a URL-encoded body. */
function formFields(postData: HarPostData, unread: FormPairProblem[]): Map<string, FormValue> {
  const pairs: Iterable<[string, string]> = postData.params?.length
    ? postData.params.map((p) => [p.name, p.value ?? ""])
    : new URLSearchParams(postData.text ?? "");
  return parseFormPairs(pairs, unread);
}

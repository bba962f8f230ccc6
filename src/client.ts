// createNgorderClient: the typed path client (`client.GET("/warehouse/{id}", ...)`) with auth,
// language, timeouts, retries and NgorderError built in.
//
// It keeps openapi-fetch's types, its `{ data, error, response }` results, its path serializer and
// header merging, but prepares the request itself instead of through openapi-fetch's request
// pipeline: that pipeline (a Request built, then copied again by fetch; middleware plumbing) costs
// 10-15% of a call to a local server, against a budget of 5% (bench/client.ts prints both). Query
// strings and form fields use PHP bracket names (the wire format, src/wire.ts), as the Laravel server reads them.
import { defaultPathSerializer, mergeHeaders, type ParseAs } from "openapi-fetch";
import { serializeBody } from "./body.ts";
import { systemClock } from "./clock.ts";
import { describeErrorBody, NgorderError, type NgorderErrorDetails } from "./errors.ts";
import { retryPolicy } from "./retry.ts";
import { Failure, send, type Outcome } from "./send.ts";
import type { CallOptions, NgorderClient, NgorderClientOptions } from "./types.ts";
import { queryString } from "./wire.ts";
import { redactUrl, tokenRedactor } from "./redaction.ts";

export const DEFAULT_BASE_URL = "https://api.smartseller.co.id/api/open";

/** What a call takes: openapi-fetch's request options plus the client's per-call options. */
export interface CallInit extends CallOptions {
  params?: { path?: object; query?: object; header?: object };
  body?: unknown;
  parseAs?: ParseAs;
}

/**
 * Sends one operation. `operation` names it in errors (the operationId for SDK calls). With
 * `throwOnErrorStatus`, an error status throws NgorderError instead of returning `{ error }`.
 */
export type Caller = (
  method: string,
  path: string,
  init?: CallInit,
  operation?: string,
  throwOnErrorStatus?: boolean,
) => Promise<Outcome>;

const JSON_BODY = { "content-type": "application/json" };

const FAILURE_SUMMARY: Record<Failure["kind"], (cause: any, timeoutMs: number, byCaller: boolean) => string> = {
  network: (cause) => `no answer: ${cause?.message ?? cause}${cause?.cause?.code ? ` (${cause.cause.code})` : ""}`,
  timeout: (_, timeoutMs, byCaller) =>
    byCaller ? "the caller's signal timed out" : `no complete answer within ${timeoutMs} ms (timeoutMs)`,
  aborted: () => "aborted by the caller's signal",
  invalid_response: (cause) => `the success answer is not valid JSON (${cause?.cause?.message ?? cause})`,
};

export function createCaller(options: NgorderClientOptions): Caller {
  const { token, baseUrl = DEFAULT_BASE_URL, language = "en", timeoutMs = 30_000, fetch = globalThis.fetch } = options;
  const clock = options.clock ?? systemClock;
  if (typeof token !== "string" || !token) throw new TypeError("createNgorderClient: `token` is required");
  const base = baseUrl.replace(/\/+$/, "");
  const policy = retryPolicy(options.retry);
  // Shared by every request that adds no header of its own; fetch copies it, nothing mutates it.
  const defaultHeaders = new Headers({ authorization: `Bearer ${token}`, "accept-language": language });

  const tokenForms = tokenRedactor(token);
  const redact = (text: string) => tokenForms.replace(text);
  const leaksToken = (cause: any) =>
    [cause?.message, cause?.stack, cause?.cause?.message, cause?.cause?.stack].some((s) =>
      tokenForms.foundIn(String(s)),
    );
  const fail = (summary: string, details: NgorderErrorDetails) =>
    new NgorderError(redact(summary), {
      ...details,
      url: redact(redactUrl(details.url)),
      messages: details.messages?.map(redact),
      fieldMessages:
        details.fieldMessages &&
        Object.fromEntries(Object.entries(details.fieldMessages).map(([k, v]) => [redact(k), v.map(redact)])),
      cause: leaksToken(details.cause) ? undefined : details.cause,
    });

  return async (method, path, init = {}, operation = `${method} ${path}`, throwOnErrorStatus = false) => {
    const { params } = init;
    let url = base + (params?.path ? defaultPathSerializer(path, params.path as Record<string, unknown>) : path);
    const search = params?.query ? queryString(params.query) : "";
    if (search) url += `?${search}`;
    const body = serializeBody(init.body);
    const ownHeaders = init.headers || params?.header || init.language;
    const headers =
      typeof body === "string" || ownHeaders
        ? mergeHeaders(
            defaultHeaders,
            typeof body === "string" ? JSON_BODY : undefined,
            init.language && { "accept-language": init.language },
            init.headers,
            params?.header as Record<string, string>,
          )
        : defaultHeaders;
    const callTimeoutMs = init.timeoutMs ?? timeoutMs;
    let outcome: Outcome;
    try {
      outcome = await send({
        fetch,
        url,
        init: { method, headers, body, signal: init.signal },
        parseAs: init.parseAs,
        timeoutMs: callTimeoutMs,
        retries: (init.retry ?? policy.methods.has(method)) ? policy.retries : 0,
        policy,
        clock,
      });
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      throw fail(FAILURE_SUMMARY[error.kind](error.cause, callTimeoutMs, error.byCallerSignal), {
        kind: error.kind,
        operation,
        method,
        url,
        cause: error.cause,
      });
    }
    const { response } = outcome;
    if (!throwOnErrorStatus || response.ok) return outcome;
    const { summary, ...said } = describeErrorBody(response, outcome.error);
    throw fail(summary, { kind: "http", operation, method, url, status: response.status, ...said });
  };
}

export function createNgorderClient(options: NgorderClientOptions): NgorderClient {
  const call = createCaller(options);
  const method = (name: string) => (path: string, init?: CallInit) => call(name, path, init);
  return {
    GET: method("GET"),
    POST: method("POST"),
    PUT: method("PUT"),
    PATCH: method("PATCH"),
    DELETE: method("DELETE"),
  } as unknown as NgorderClient;
}

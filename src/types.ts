// The typed surface of the path client, from generated/schema.d.ts and openapi-fetch's own types.
import type { FetchResponse, HeadersOptions, ParamsOption, ParseAs, RequestBodyOption } from "openapi-fetch";
import type { components, paths } from "../generated/schema.d.ts";
import type { Clock } from "./clock.ts";
import type { RetryOptions } from "./retry.ts";

export type Language = components["parameters"]["AcceptLanguage"];

export interface NgorderClientOptions {
  /** The shop's API key, sent as `Authorization: Bearer <token>`. It never appears in an error. */
  token: string;
  /** Default `https://api.smartseller.co.id/api/open`. */
  baseUrl?: string;
  /** `Accept-Language` of every request that does not set its own. Default `en`. */
  language?: Language;
  /** Longest wait for each attempt's answer and body, in ms. Default 30 000; 0 turns it off. */
  timeoutMs?: number;
  /** How failed requests are retried; `false` never retries. */
  retry?: RetryOptions | false;
  /** A fetch to use instead of the global one (a test double, a proxy agent, logging). */
  fetch?: typeof globalThis.fetch;
  /** The timeouts, waits between attempts and current time; default the system's. A test passes its own to run without waiting. */
  clock?: Clock;
}

/** Options of one call, for the path client and the SDK alike. */
export interface CallOptions {
  /** Aborts the call. It is handed to fetch, so an abort also closes the connection. */
  signal?: AbortSignal | null;
  /**
   * `true` lets this request be retried whatever its method (a POST you know is safe to repeat);
   * `false` never retries it. By default only the client's `retry.methods` are retried.
   */
  retry?: boolean;
  /** This call's timeout per attempt, in ms, instead of the client's. */
  timeoutMs?: number;
  /** This call's `Accept-Language`. */
  language?: Language;
  /** Extra headers; `null` removes one. */
  headers?: HeadersOptions;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";

/** The paths that have an operation for `M`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, object> ? P : never;
}[keyof paths];

/** The operation object (parameters, requestBody, responses) at a path and method. */
export type OperationAt<P extends keyof paths, M extends HttpMethod> =
  paths[P] extends Record<M, infer Operation> ? Operation : never;

/** The second argument of `client.GET(path, init)` and its siblings for one operation. */
export type RequestOptions<Operation> = ParamsOption<Operation> &
  RequestBodyOption<Operation> &
  CallOptions & { parseAs?: ParseAs };

// `{} extends Pick<T, K>` is true exactly when K is optional in T.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** `init` may be left out when the operation has no required parameter and no required body. */
type InitArgument<Operation, Init> =
  RequiredKeys<RequestOptions<Operation>> extends never ? [init?: Init] : [init: Init];

export type ClientMethod<M extends HttpMethod> = <
  P extends PathsWith<M>,
  Init extends RequestOptions<OperationAt<P, M>>,
>(
  url: P,
  ...init: InitArgument<OperationAt<P, M>, Init>
) => Promise<FetchResponse<OperationAt<P, M> & Record<string, unknown>, Init, `${string}/${string}`>>;

/** openapi-fetch's typed client for the Ngorder API: `{ data }` on success, `{ error }` on an error status. */
export interface NgorderClient {
  GET: ClientMethod<"get">;
  POST: ClientMethod<"post">;
  PUT: ClientMethod<"put">;
  PATCH: ClientMethod<"patch">;
  DELETE: ClientMethod<"delete">;
}

// The one error type the client throws: what failed, where, and what the server said about it.

/**
 * - `http`: the server answered with an error status (4xx, 5xx) after any retries.
 * - `network`: no answer: the connection was refused, reset or closed.
 * - `timeout`: no complete answer within `timeoutMs` (or a caller's `AbortSignal.timeout()` fired).
 * - `aborted`: the caller's `signal` aborted the call.
 * - `invalid_response`: a success answer whose body is not the JSON it should be.
 * - `pagination`: a paginated listing that does not advance, or runs past `maxPages`.
 */
export type NgorderErrorKind = "http" | "network" | "timeout" | "aborted" | "invalid_response" | "pagination";

export interface NgorderErrorDetails {
  kind: NgorderErrorKind;
  /** The operationId (`getWarehouse`), or `GET /warehouse/{id}` for calls through the path client. */
  operation: string;
  method: string;
  /** The request URL, with the token and secret-looking query values redacted. */
  url: string;
  status?: number;
  /** The server's `request_id`, to quote to Ngorder support. */
  requestId?: string;
  /** The server's message(s), in the language requested. */
  messages?: string[];
  /** Validation messages per request field (`{"products.0.qty": ["..."]}`). */
  fieldMessages?: Record<string, string[]>;
  cause?: unknown;
}

export class NgorderError extends Error {
  readonly kind: NgorderErrorKind;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly messages: string[];
  readonly fieldMessages: Record<string, string[]>;

  constructor(summary: string, details: NgorderErrorDetails) {
    super(
      `${details.operation} (${details.method} ${details.url}): ${summary}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = "NgorderError";
    this.kind = details.kind;
    this.operation = details.operation;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.requestId = details.requestId;
    this.messages = details.messages ?? [];
    this.fieldMessages = details.fieldMessages ?? {};
  }

  /** Every field but `cause` and `stack`: safe to log. */
  toJSON(): Omit<NgorderErrorDetails, "cause"> & { name: string; message: string } {
    return { ...this, message: this.message };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What an error answer says. Ngorder sends `{"response": "Failed", "message": ..., "request_id"?: ...}`
 * where `message` is a sentence or the messages per field; a proxy in front of it may send an HTML page,
 * of which only the `<title>` is kept.
 */
export function describeErrorBody(
  response: Response,
  body: unknown,
): Pick<NgorderErrorDetails, "requestId" | "messages" | "fieldMessages"> & { summary: string } {
  let summary = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const messages: string[] = [];
  const fieldMessages: Record<string, string[]> = {};
  let requestId = response.headers.get("x-request-id") ?? undefined;
  if (isRecord(body)) {
    if (typeof body.request_id === "string") requestId = body.request_id;
    const { message, errors } = body;
    if (typeof message === "string") messages.push(message);
    else if (Array.isArray(message)) messages.push(...message.map(String));
    for (const fields of [message, errors]) {
      if (!isRecord(fields)) continue;
      for (const [field, list] of Object.entries(fields)) {
        fieldMessages[field] = (Array.isArray(list) ? list : [list]).map(String);
        messages.push(...fieldMessages[field]!);
      }
    }
  } else if (typeof body === "string") {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    if (title) summary += ` (${title})`;
  }
  if (messages.length) summary += `: ${messages.join("; ")}`;
  if (requestId) summary += ` [request_id ${requestId}]`;
  return { summary, requestId, messages, fieldMessages };
}

// Records live exchanges as HAR: calls the chosen operations against the API (or any base URL)
// with the caller's token, then scrubs secrets and personal data before anything leaves memory.
// Only read-only operations are called, unless a write operation is allowed by name. Before
// anything is called, a token too short to scrub safely and a token bound for plain http (other
// than to this machine) are refused; every call has a timeout and a size limit.
import { systemClock, type Clock } from "../clock.ts";
import { isJsonMediaType, type Json } from "../spec/document.ts";
import { specModel, type OperationModel } from "../spec/model.ts";
import { planRequest } from "../spec/request-plan.ts";
import { harEntry, harLog, postDataOf, type Har, type HarCookie, type HarEntry, type HarHeader } from "./har.ts";
import { Scrubber } from "./scrub.ts";

const READ_ONLY = new Set(["get", "head", "options"]);
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface RecordOptions {
  spec: Json;
  /** Server URL the spec's paths are appended to, e.g. https://api.smartseller.co.id/api/open */
  baseUrl: string;
  token: string;
  /** operationIds to call, in order. */
  operations: string[];
  /** operationIds of write operations (POST, PATCH, PUT, DELETE) the caller allows to be called. */
  allowWrite?: string[];
  /** Path and query values by parameter name, before the spec's examples. */
  values?: Record<string, string>;
  /** Pause between calls, to stay under the rate limit. */
  delayMs?: number;
  /** Longest wait for each call's complete answer (default 30 s). */
  timeoutMs?: number;
  /** Largest answer body read (default 16 MiB); a larger one fails the call. */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
  /** Each call's timeout, the pause between calls and the exchanges' times; default the system's. */
  clock?: Clock;
  onExchange?: (operation: OperationModel, status: number) => void;
}

/** A recording that stopped: the message says which call and why; `har` holds the scrubbed exchanges recorded before it. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly har?: Har,
  ) {
    super(message);
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Refuses a base URL the token must not be sent to: anything but https, except plain http to this machine. */
export function checkBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RecordError(`--base-url ${baseUrl}: not an absolute URL: nothing was called`);
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname))) return url;
  throw new RecordError(
    `--base-url ${url.origin}: the token is only sent over https (or plain http to localhost, 127.0.0.1 or [::1]): nothing was called`,
  );
}

/** The operations to call, or an error naming every selection that cannot be honoured. */
export function selectOperations(spec: Json, ids: string[], allowWrite: string[] = []): OperationModel[] {
  const model = specModel(spec);
  const problems: string[] = [];
  for (const id of allowWrite)
    if (!ids.includes(id)) problems.push(`--allow-write ${id}: not among the selected operations`);
  const selected = ids.flatMap((id) => {
    const operation = model.operation(id);
    if (!operation) problems.push(`${id}: no such operationId in the spec`);
    else if (!READ_ONLY.has(operation.method) && !allowWrite.includes(id)) {
      problems.push(
        `${id} (${operation.method.toUpperCase()} ${operation.path}) writes data: allow it with --allow-write ${id}`,
      );
    } else if (operation.body && !READ_ONLY.has(operation.method)) {
      const body = planRequest(model, operation).body;
      if (body && !isJsonMediaType(body.mediaType))
        problems.push(`${id}: only JSON request bodies can be recorded (it takes ${body.mediaType})`);
    }
    return operation ? [operation] : [];
  });
  if (problems.length) throw new RecordError(`nothing was called:\n  ${problems.join("\n  ")}`);
  return selected;
}

export function readOnlyOperationIds(spec: Json): string[] {
  return specModel(spec)
    .operations.filter((o) => READ_ONLY.has(o.method))
    .map((o) => o.id);
}

function headerList(headers: Headers): HarHeader[] {
  return [...headers].map(([name, value]) => ({ name, value }));
}

function setCookies(headers: Headers): HarCookie[] {
  return headers.getSetCookie().map((line) => {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
}

/** The body, read up to a limit: a larger answer fails rather than filling memory. */
async function readBody(response: Response, limit: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body?.cancel();
    throw new Error(`the answer is more than the limit of ${limit} bytes (--max-bytes)`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader!.cancel();
      throw new Error(`the answer is more than the limit of ${limit} bytes (--max-bytes)`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

/** Why a call failed, in words: the cause's message and code (ECONNREFUSED, ENOTFOUND...). */
function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return `no complete answer within ${timeoutMs} ms (--timeout)`;
  const cause = e?.cause;
  if (cause?.message)
    return `cannot reach the server: ${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ""}`;
  return e?.message ?? String(error);
}

async function call(options: RecordOptions, operation: OperationModel, scrubber: Scrubber): Promise<HarEntry> {
  const request = planRequest(specModel(options.spec), operation, options.values ? { values: options.values } : {});
  const query = new URLSearchParams(request.query).toString();
  const url = `${options.baseUrl.replace(/\/+$/, "")}${request.path}${query ? `?${query}` : ""}`;
  const postData = request.body && operation.body ? postDataOf(operation.body, request.body) : undefined;
  const requestHeaders: HarHeader[] = [
    { name: "Authorization", value: `Bearer ${options.token}` },
    { name: "Accept", value: "application/json" },
    { name: "Accept-Language", value: "en" },
    ...(postData ? [{ name: "Content-Type", value: postData.mimeType }] : []),
  ];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  let response: Response;
  let bytes: Buffer;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: request.method,
      headers: requestHeaders.map((h) => [h.name, h.value] as [string, string]),
      ...(postData?.text !== undefined ? { body: postData.text } : {}),
      signal: clock.timeout(timeoutMs),
    });
    bytes = await readBody(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  } catch (error) {
    const where = `${operation.id} (${request.method.toUpperCase()} ${scrubber.url(url)})`;
    throw new Error(scrubber.text(`${where}: ${describeFailure(error, timeoutMs)}`), { cause: error });
  }
  const contentType = response.headers.get("content-type") ?? "";
  const entry = harEntry({
    method: request.method,
    url,
    requestHeaders,
    ...(postData ? { postData } : {}),
    status: response.status,
    responseHeaders: headerList(response.headers),
    ...(isJsonMediaType(contentType) ? { responseText: bytes.toString("utf8") } : {}),
    responseSize: bytes.length,
    responseMimeType: contentType,
    startedDateTime: new Date(started).toISOString(),
    time: clock.now() - started,
    comment: `recorded ${operation.id} (${operation.tag} › ${operation.summary})`,
  });
  entry.response.cookies = setCookies(response.headers);
  return entry;
}

/**
 * Calls the selected operations and returns the scrubbed HAR. Nothing is called if a selection,
 * the token or the base URL is refused; a call that fails stops the recording with a RecordError
 * naming the call and the cause, carrying what was recorded before it.
 */
export async function record(options: RecordOptions): Promise<Har> {
  let scrubber: Scrubber;
  try {
    scrubber = new Scrubber({ secrets: [options.token], spec: options.spec });
  } catch (error) {
    throw new RecordError(`the token is refused: ${(error as Error).message}: nothing was called`);
  }
  checkBaseUrl(options.baseUrl);
  const operations = selectOperations(options.spec, options.operations, options.allowWrite);
  const entries: HarEntry[] = [];
  const scrubbed = () => {
    const har = scrubber.har(
      harLog("ngorder-openapi recorder", entries, "Recorded live, then scrubbed of secrets and personal data."),
    );
    // The last line of defence: the token must not survive in any form the scrubber might have missed.
    if (scrubber.leaks(JSON.stringify(har))) throw new RecordError("the token survived scrubbing: nothing was written");
    return har;
  };
  for (const [i, operation] of operations.entries()) {
    if (i > 0 && options.delayMs) await (options.clock ?? systemClock).sleep(options.delayMs);
    let entry: HarEntry;
    try {
      entry = await call(options, operation, scrubber);
    } catch (error) {
      throw new RecordError((error as Error).message, entries.length ? scrubbed() : undefined);
    }
    options.onExchange?.(operation, entry.response.status);
    entries.push(entry);
  }
  return scrubbed();
}

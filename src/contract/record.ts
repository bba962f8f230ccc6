// Records live exchanges as HAR: calls the chosen operations against the API (or any base URL)
// with the caller's token, then scrubs secrets and personal data before anything leaves memory.
// Only read-only operations are called, unless a write operation is allowed by name.
import { isJsonMediaType, type Json } from "../spec/document.ts";
import { specModel, type OperationModel } from "../spec/model.ts";
import { planRequest } from "../spec/request-plan.ts";
import { harEntry, harLog, postDataOf, type Har, type HarCookie, type HarEntry, type HarHeader } from "./har.ts";
import { Scrubber } from "./scrub.ts";

const READ_ONLY = new Set(["get", "head", "options"]);

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
  fetch?: typeof fetch;
  onExchange?: (operation: OperationModel, status: number) => void;
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
  if (problems.length) throw new Error(`nothing was called:\n  ${problems.join("\n  ")}`);
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

async function call(options: RecordOptions, operation: OperationModel): Promise<HarEntry> {
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
  const started = new Date();
  const response = await (options.fetch ?? fetch)(url, {
    method: request.method,
    headers: requestHeaders.map((h) => [h.name, h.value] as [string, string]),
    ...(postData?.text !== undefined ? { body: postData.text } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
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
    startedDateTime: started.toISOString(),
    time: Date.now() - started.getTime(),
    comment: `recorded ${operation.id} (${operation.tag} › ${operation.summary})`,
  });
  entry.response.cookies = setCookies(response.headers);
  return entry;
}

/** Calls the selected operations and returns the scrubbed HAR; nothing is called if a selection is refused. */
export async function record(options: RecordOptions): Promise<Har> {
  const operations = selectOperations(options.spec, options.operations, options.allowWrite);
  const entries: HarEntry[] = [];
  for (const [i, operation] of operations.entries()) {
    if (i > 0 && options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const entry = await call(options, operation);
    options.onExchange?.(operation, entry.response.status);
    entries.push(entry);
  }
  const har = new Scrubber([options.token]).har(
    harLog("ngorder-openapi recorder", entries, "Recorded live, then scrubbed of secrets and personal data."),
  );
  // The token must not survive in any form the scrubber might have missed (e.g. URL-encoded).
  const text = JSON.stringify(har);
  for (const form of [options.token, encodeURIComponent(options.token)]) {
    if (form.length >= 4 && text.includes(form)) throw new Error("the token survived scrubbing: nothing was written");
  }
  return har;
}

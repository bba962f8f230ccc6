// The answers the mock sends: an operation's documented response with its own example (the
// spec's, else a value derived from the schema; binary downloads a labelled placeholder of their
// media type), and the error envelope `{response: "Failed", message, data: null}` of this API.
import { deref, isJsonMediaType, nodeAt, type Json } from "../spec/document.ts";
import type { OperationModel, ResponseModel } from "../spec/model.ts";
import { mediaExample } from "../spec/request-plan.ts";
import { plausibleValue } from "../spec/sample-values.ts";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = "application/json";

/** The error envelope of this API. */
export function failed(status: number, message: string | Record<string, string[]>, headers = {}): Answer {
  return {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
    body: JSON.stringify({ response: "Failed", message, data: null }),
  };
}

/** An answer about the mock's own use (a bad Prefer header, a body too large), told apart by a header. */
export function mockError(status: number, message: string): Answer {
  return failed(status, message, { "x-mock-error": "true" });
}

/** The documented response of a status: exact, then its class (`4XX`), then `default`. */
export function responseFor(operation: OperationModel, status: number): ResponseModel | undefined {
  const code = String(status);
  return [code, `${code[0]}XX`, `${code[0]}xx`, "default"]
    .map((key) => operation.responses.get(key))
    .find((r) => r !== undefined);
}

/** The example values of the response's headers (Retry-After of a 429). */
function documentedHeaders(spec: Json, response: ResponseModel): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries<Json>(nodeAt(spec, response.pointer)?.headers ?? {})) {
    const header = deref(spec, raw);
    const value = "example" in header ? header.example : plausibleValue(spec, header.schema ?? {}, name);
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  return headers;
}

export type Chosen = { ok: true; answer: Answer } | { ok: false; error: string };

/** The response documented for `status`, with the named example or its own. */
export function documentedAnswer(spec: Json, operation: OperationModel, status: number, exampleName?: string): Chosen {
  const response = responseFor(operation, status);
  if (!response) {
    const documented = [...operation.responses.keys()].join(", ");
    return { ok: false, error: `${operation.id} documents no ${status} answer (documented: ${documented})` };
  }
  const headers = { "x-mock-operation": operation.id, ...documentedHeaders(spec, response) };
  const content = response.content;
  const mediaType = content?.mediaTypes.find(isJsonMediaType) ?? content?.mediaTypes[0];
  if (!content || mediaType === undefined) {
    if (exampleName) return { ok: false, error: `the ${status} answer of ${operation.id} has no body, so no examples` };
    return { ok: true, answer: { status, headers, body: "" } };
  }
  const media = content.media(mediaType) ?? {};
  const named = Object.keys(media.examples ?? {});
  if (exampleName !== undefined && !named.includes(exampleName)) {
    const names = named.length ? `examples: ${named.join(", ")}` : "it has no named examples";
    return { ok: false, error: `the ${status} answer of ${operation.id} has no example "${exampleName}" (${names})` };
  }
  if (!isJsonMediaType(mediaType)) {
    const binary = {
      ...headers,
      "content-type": mediaType,
      "content-disposition": `attachment; filename="${operation.id}"`,
    };
    return { ok: true, answer: { status, headers: binary, body: `mock ${mediaType} body of ${operation.id}\n` } };
  }
  const example =
    exampleName !== undefined
      ? { found: true as const, value: deref(spec, media.examples[exampleName]).value }
      : mediaExample(spec, media);
  const value = example.found ? example.value : plausibleValue(spec, media.schema ?? {}, "data");
  return {
    ok: true,
    answer: { status, headers: { ...headers, "content-type": mediaType }, body: JSON.stringify(value) },
  };
}

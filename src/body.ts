// Request bodies out (JSON, or multipart when a field holds a file) and response bodies in.
import type { ParseAs } from "openapi-fetch";

/** Thrown when a success answer's body is not JSON; the client turns it into an `invalid_response` error. */
export class InvalidJsonBody extends Error {}

/** Media types answered as a Blob unless `parseAs` says otherwise: the PDF, CSV and Excel downloads. */
const BINARY = /^(?!.*json)(application\/(pdf|zip|octet-stream|vnd\.)|text\/csv|image\/)/i;

/**
 * Name-value pairs as PHP (Laravel) reads them: objects and arrays become bracket names
 * (`products[0][name]=Sepatu`, `filter[status]=x`); null and undefined are left out. openapi-fetch's
 * query serializer cannot send an array of objects, which Generate SKU takes.
 */
export function formPairs(
  fields: object,
  pairs: [string, string | Blob][] = [],
  prefix?: string,
): [string, string | Blob][] {
  for (const [key, value] of Object.entries(fields)) {
    const name = prefix === undefined ? key : `${prefix}[${key}]`;
    if (value === undefined || value === null) continue;
    if (typeof value === "object" && !(value instanceof Blob)) formPairs(value, pairs, name);
    else pairs.push([name, value instanceof Blob ? value : String(value)]);
  }
  return pairs;
}

export const serializeQuery = (query: object): string =>
  new URLSearchParams(formPairs(query) as [string, string][]).toString();

/**
 * FormData, or a plain object with a Blob or File among its fields (logo, stock opname import),
 * goes as multipart/form-data; anything else as JSON. Returns undefined for no body.
 */
export function serializeBody(body: unknown): string | FormData | undefined {
  if (body === undefined || body instanceof FormData) return body;
  if (typeof body === "object" && body !== null && Object.values(body).some((v) => v instanceof Blob)) {
    const form = new FormData();
    for (const [name, value] of formPairs(body)) form.append(name, value);
    return form;
  }
  return JSON.stringify(body);
}

/** A success body: JSON by default, a Blob for binary media types, or as `parseAs` asks. */
export async function readBody(response: Response, parseAs: ParseAs | undefined): Promise<unknown> {
  const as = parseAs ?? (BINARY.test(response.headers.get("content-type") ?? "") ? "blob" : "json");
  if (as === "stream") return response.body;
  if (as !== "json") return response[as]();
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidJsonBody("the body is not valid JSON", { cause });
  }
}

/** An error body: its JSON when it parses, else its text (an HTML error page from a proxy). */
export async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

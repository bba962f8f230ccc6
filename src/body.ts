// Request bodies out (JSON, or multipart when a field holds a file) and response bodies in.
import type { ParseAs } from "openapi-fetch";
import { formPairs } from "./wire.ts";

/** Thrown when a success answer's body is not JSON; the client turns it into an `invalid_response` error. */
export class InvalidJsonBody extends Error {}

/** Media types answered as a Blob unless `parseAs` says otherwise: the PDF, CSV and Excel downloads. */
const BINARY = /^(?!.*json)(application\/(pdf|zip|octet-stream|vnd\.)|text\/csv|image\/)/i;

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

// Reads a request's body, bounded in size, into the two forms the mock needs: HAR `postData` for
// the contract checker (JSON and URL-encoded as text, multipart as fields and files with their
// fileName) and the parsed value the request log shows (JSON value, form fields, file summaries).
// Multipart is parsed by Node's own fetch (`Response#formData()`, undici), no extra dependency.
import type { IncomingMessage } from "node:http";
import type { HarPostData, HarPostParam } from "../contract/har.ts";
import { bareMediaType, isJsonMediaType } from "../spec/document.ts";
import { parseFormPairs } from "../wire.ts";

/** An uploaded file as the request log shows it (its bytes are not kept). */
export interface LoggedFile {
  fileName: string;
  contentType: string;
  size: number;
}

export interface ParsedBody {
  /** What the checker validates; undefined when nothing was sent. */
  postData?: HarPostData;
  /** What the request log shows. */
  value?: unknown;
  /** Why a JSON body did not parse. */
  jsonError?: string;
  /** The body is of a form media type but could not be read as one. */
  unreadable?: boolean;
}

export class BodyTooLarge extends Error {}

/** The body's bytes; throws BodyTooLarge past `limit` without reading the rest into memory. */
export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const isTextual = (bare: string) => bare.startsWith("text/") || bare === "application/xml";

async function multipart(bytes: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return { unreadable: true };
  }
  const params: HarPostParam[] = [];
  const pairs: [string, string][] = [];
  const files = new Map<string, LoggedFile>();
  for (const [name, part] of form) {
    if (typeof part === "string") {
      params.push({ name, value: part });
      pairs.push([name, part]);
    } else {
      const file = { fileName: part.name, contentType: part.type || "application/octet-stream", size: part.size };
      params.push({ name, value: "", fileName: file.fileName, contentType: file.contentType });
      files.set(name, file);
    }
  }
  const value = Object.fromEntries([...parseFormPairs(pairs), ...files]);
  return { postData: { mimeType: contentType, params }, value };
}

/** Parses the bytes by their Content-Type. */
export async function parseBody(bytes: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (bytes.length === 0) return {};
  const type = contentType ?? "application/octet-stream";
  const bare = bareMediaType(type);
  if (bare === "multipart/form-data") return multipart(bytes, type);
  const text = bytes.toString("utf8");
  const postData = { mimeType: type, text };
  if (isJsonMediaType(bare)) {
    try {
      return { postData, value: JSON.parse(text) };
    } catch (error) {
      return { postData, value: text, jsonError: (error as Error).message };
    }
  }
  if (bare === "application/x-www-form-urlencoded")
    return { postData, value: Object.fromEntries(parseFormPairs(new URLSearchParams(text))) };
  return { postData, value: isTextual(bare) ? text : { contentType: type, size: bytes.length } };
}

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): the types of the parts a contract
// check reads, and builders for the entries the recorder and the recordings script write.
import { STATUS_CODES } from "node:http";
import { bareMediaType, isJsonMediaType } from "../spec/document.ts";
import type { BodyModel } from "../spec/model.ts";
import type { PlannedBody } from "../spec/request-plan.ts";
import { formPairs } from "../wire.ts";

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarCookie {
  name: string;
  value: string;
  [field: string]: unknown;
}

export interface HarPostParam {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: HarPostParam[];
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarHeader[];
  queryString: HarHeader[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarHeader[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: { send: number; wait: number; receive: number; [phase: string]: number };
  comment?: string;
}

export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}

export function header(headers: HarHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** The body text of a response, decoding base64 content. */
export function responseText(content: HarContent): string | undefined {
  if (content.text === undefined) return undefined;
  return content.encoding === "base64" ? Buffer.from(content.text, "base64").toString("utf8") : content.text;
}

export interface ExchangeInput {
  method: string;
  url: string;
  requestHeaders: HarHeader[];
  postData?: HarPostData;
  status: number;
  responseHeaders: HarHeader[];
  /** The response body as text; undefined when it is not kept (binary bodies). */
  responseText?: string;
  responseSize: number;
  responseMimeType: string;
  startedDateTime: string;
  time: number;
  comment?: string;
}

export function harEntry(input: ExchangeInput): HarEntry {
  const url = new URL(input.url);
  const requestBodySize =
    input.postData?.text !== undefined ? Buffer.byteLength(input.postData.text) : input.postData ? -1 : 0;
  return {
    startedDateTime: input.startedDateTime,
    time: input.time,
    request: {
      method: input.method.toUpperCase(),
      url: input.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: input.requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(input.postData ? { postData: input.postData } : {}),
      headersSize: -1,
      bodySize: requestBodySize,
    },
    response: {
      status: input.status,
      statusText: STATUS_CODES[input.status] ?? "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: input.responseHeaders,
      content: {
        size: input.responseSize,
        mimeType: input.responseMimeType,
        ...(input.responseText !== undefined ? { text: input.responseText } : { comment: "body not kept" }),
      },
      redirectURL: "",
      headersSize: -1,
      bodySize: input.responseSize,
    },
    cache: {},
    timings: { send: 0, wait: input.time, receive: 0 },
    ...(input.comment ? { comment: input.comment } : {}),
  };
}

export function harLog(creator: string, entries: HarEntry[], comment?: string): Har {
  return {
    log: { version: "1.2", creator: { name: creator, version: "1.0" }, entries, ...(comment ? { comment } : {}) },
  };
}

/** The HAR `postData` of a planned body: JSON as text, forms as fields in the wire format (files as empty parts). */
export function postDataOf(body: BodyModel, planned: PlannedBody): HarPostData {
  const bare = bareMediaType(planned.mediaType);
  if (bare === "application/x-www-form-urlencoded") {
    return {
      mimeType: bare,
      text: new URLSearchParams(formPairs(Object(planned.value)) as [string, string][]).toString(),
    };
  }
  if (bare === "multipart/form-data") {
    const files = new Map(body.files.map((file) => [file.name, file]));
    const params = Object.entries(Object(planned.value) as Record<string, unknown>).flatMap(
      ([name, value]): HarPostParam[] => {
        const file = files.get(name);
        if (file) return [{ name, value: "", fileName: name, contentType: file.contentType }];
        return formPairs({ [name]: value }).map(([n, v]) => ({ name: n, value: String(v) }));
      },
    );
    return { mimeType: bare, params };
  }
  const text = isJsonMediaType(bare) ? JSON.stringify(planned.value) : String(planned.value ?? "");
  return { mimeType: planned.mediaType, text };
}

/** Where an entry breaks the HAR shape in a field the checker reads. */
export interface ShapeProblem {
  pointer: string;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The fields of an entry the contract check reads, each of the type HAR 1.2 gives it. An entry
 * from a file is any JSON value: it is checked only when this finds nothing.
 */
function expectShape(problems: ShapeProblem[], ok: boolean, pointer: string, type: string): void {
  if (!ok) problems.push({ pointer, message: `must be ${type}` });
}

function optionalShape(problems: ShapeProblem[], value: unknown, pointer: string, type: "string" | "object"): void {
  const ok = value === undefined || (type === "string" ? typeof value === "string" : isRecord(value));
  if (!ok) expectShape(problems, false, pointer, `a ${type}`);
}

function nameValueShapes(problems: ShapeProblem[], list: unknown, pointer: string, valueOptional = false): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) return expectShape(problems, false, pointer, "an array");
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const ok =
      isRecord(item) &&
      typeof item.name === "string" &&
      (typeof item.value === "string" || (valueOptional && item.value === undefined));
    if (!ok)
      expectShape(
        problems,
        false,
        `${pointer}/${i}`,
        `an object with a string name${valueOptional ? "" : " and value"}`,
      );
  }
}

export function entryShapeProblems(entry: unknown): ShapeProblem[] {
  if (!isRecord(entry)) return [{ pointer: "", message: "is not an object" }];
  const problems: ShapeProblem[] = [];
  optionalShape(problems, entry.comment, "/comment", "string");
  const { request, response } = entry;
  if (!isRecord(request)) expectShape(problems, false, "/request", "an object");
  else {
    const { method, url, postData } = request;
    expectShape(problems, typeof method === "string" && method !== "", "/request/method", "a method name");
    expectShape(problems, typeof url === "string", "/request/url", "a string");
    nameValueShapes(problems, request.headers, "/request/headers");
    optionalShape(problems, postData, "/request/postData", "object");
    if (isRecord(postData)) {
      optionalShape(problems, postData.mimeType, "/request/postData/mimeType", "string");
      optionalShape(problems, postData.text, "/request/postData/text", "string");
      nameValueShapes(problems, postData.params, "/request/postData/params", true);
    }
  }
  if (!isRecord(response)) expectShape(problems, false, "/response", "an object");
  else {
    const { content } = response;
    expectShape(problems, Number.isInteger(response.status), "/response/status", "an integer");
    nameValueShapes(problems, response.headers, "/response/headers");
    optionalShape(problems, content, "/response/content", "object");
    if (isRecord(content)) {
      optionalShape(problems, content.mimeType, "/response/content/mimeType", "string");
      optionalShape(problems, content.text, "/response/content/text", "string");
      optionalShape(problems, content.encoding, "/response/content/encoding", "string");
    }
  }
  return problems;
}

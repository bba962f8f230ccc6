// Sends recorded requests (HAR entries) to the mock, and reads an exchange back as a HAR entry
// for the contract check of the mock's answer.
import { harEntry, type HarEntry, type HarHeader, type HarPostData } from "../../src/contract/har.ts";

/** The parts of a HAR request these helpers read. */
export interface SentRequest {
  method: string;
  url: string;
  headers: HarHeader[];
  postData?: HarPostData;
}

export const AUTH = { authorization: "Bearer any-token" };

/** The recorded request's URL moved onto the mock: same path under the base path, same query. */
export function onMock(recordedUrl: string, mockUrl: string): string {
  const recorded = new URL(recordedUrl);
  const base = new URL(mockUrl).pathname;
  return `${mockUrl}${recorded.pathname.slice(base.length)}${recorded.search}`;
}

/** The request of an entry as fetch sends it: JSON or form text with its media type, or the form's fields and files. */
export function requestInit(request: SentRequest, headers: Record<string, string>): RequestInit {
  const { method, postData } = request;
  if (!postData) return { method, headers };
  if (postData.params?.length || !postData.text) {
    const form = new FormData();
    for (const p of postData.params ?? []) {
      if (p.fileName !== undefined)
        form.append(
          p.name,
          new Blob([p.value ?? ""], { type: p.contentType ?? "application/octet-stream" }),
          p.fileName,
        );
      else form.append(p.name, p.value ?? "");
    }
    return { method, headers, body: form };
  }
  return { method, headers: { ...headers, "content-type": postData.mimeType }, body: postData.text };
}

/** Sends an entry's request to the mock. */
export function replay(entry: HarEntry, mockUrl: string, headers: Record<string, string> = AUTH): Promise<Response> {
  return fetch(onMock(entry.request.url, mockUrl), requestInit(entry.request, headers));
}

/** The exchange as a HAR entry: the recorded request and the mock's answer. */
export async function exchange(request: SentRequest, response: Response): Promise<HarEntry> {
  const text = await response.text();
  const mimeType = response.headers.get("content-type") ?? "";
  return harEntry({
    method: request.method,
    url: request.url,
    requestHeaders: request.headers,
    ...(request.postData ? { postData: request.postData } : {}),
    status: response.status,
    responseHeaders: [{ name: "Content-Type", value: mimeType }],
    ...(mimeType.includes("json") ? { responseText: text } : {}),
    responseSize: text.length,
    responseMimeType: mimeType,
    startedDateTime: new Date(0).toISOString(),
    time: 0,
  });
}

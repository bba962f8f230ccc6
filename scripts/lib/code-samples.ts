// Code samples for one operation (Redoc's x-codeSamples), derived from the spec at docs build time.
import { sampleRequest, type Json, type SampleRequest } from "./sample-request.ts";

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlSample(serverUrl: string, req: SampleRequest): string {
  const query = req.query.length ? `?${new URLSearchParams(req.query).toString()}` : "";
  const lines = [`curl -X ${req.method} ${shellQuote(`${serverUrl}${req.path}${query}`)}`, `-H "Authorization: Bearer $NGORDER_TOKEN"`, `-H 'Accept-Language: en'`];
  if (req.mediaType === "multipart/form-data" && req.body && typeof req.body === "object") {
    for (const [key, value] of Object.entries(req.body as Json)) {
      lines.push(value === "<file>" ? `-F ${shellQuote(`${key}=@${key}.xlsx`)}` : `-F ${shellQuote(`${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)}`);
    }
  } else if (req.mediaType) {
    lines.push(`-H 'Content-Type: ${req.mediaType}'`, `-d ${shellQuote(JSON.stringify(req.body, null, 2))}`);
  }
  return lines.join(" \\\n  ");
}

export function codeSamples(doc: Json, path: string, method: string, op: Json): { lang: string; label: string; source: string }[] {
  const req = sampleRequest(doc, path, method, op);
  return [{ lang: "Shell", label: "curl", source: curlSample(doc.servers[0].url, req) }];
}

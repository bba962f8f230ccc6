// Code samples for one operation (its SDK call and a curl command), derived from the spec at docs
// build time with the same request planner as the recordings, so a sample and a recording never
// disagree. Samples run as printed: query parameters are shown (the required ones, else a typical
// filter), uploads read a named file and downloads write one, each with its media type's extension.
import {
  isJsonMediaType,
  resolve,
  successResponse,
  type Json,
  type SpecOperation,
} from "../../src/contract/openapi.ts";
import { mediaExample, planRequest, type PlannedRequest } from "../../src/contract/plausible-request.ts";
import { knownValuesOf, plausibleValue } from "../../src/contract/plausible-value.ts";
import type { SdkCall } from "../generate-sdk.ts";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** File extensions of the media types the API sends or takes as files; a new one must be added here. */
const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "xls",
  "image/png": "png",
  "image/jpeg": "jpg",
};

/** A concrete media type for a declared one: `image/*` is sent as a PNG. */
const concreteMediaType = (mediaType: string) => (mediaType === "image/*" ? "image/png" : mediaType);

function extensionOf(operation: SpecOperation, mediaType: string): string {
  const extension = EXTENSIONS[concreteMediaType(mediaType)];
  if (!extension)
    throw new Error(
      `${operation.id}: no file extension known for ${mediaType}; add it to EXTENSIONS in code-samples.ts`,
    );
  return extension;
}

/** `downloadShipmentInvoicePdf` + pdf → `shipment-invoice.pdf`: the operationId without its verb. */
function sampleFileName(operation: SpecOperation, mediaType: string): string {
  const extension = extensionOf(operation, mediaType);
  const words = operation.id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .slice(1);
  if (words.at(-1) === extension) words.pop();
  return `${words.join("-") || "file"}.${extension}`;
}

/** The file a download writes: the media type of its success answer, when that is not JSON. */
export function downloadOf(spec: Json, operation: SpecOperation): { fileName: string; mediaType: string } | undefined {
  const mediaType = Object.keys(successResponse(spec, operation.operation)?.response.content ?? {})[0];
  if (!mediaType || isJsonMediaType(mediaType)) return undefined;
  return { fileName: sampleFileName(operation, mediaType), mediaType };
}

interface UploadFile {
  /** Path as the sample reads it, relative to the working directory. */
  path: string;
  mediaType: string;
}

/** The files of a multipart body, by field: `logo` → ./logo.png (image/png). */
function uploadsOf(spec: Json, operation: SpecOperation, req: PlannedRequest): Map<string, UploadFile> {
  const uploads = new Map<string, UploadFile>();
  const body = req.body;
  if (body?.mediaType !== "multipart/form-data") return uploads;
  const schema: Json = resolve(spec, body.media.schema ?? {}, "").node;
  for (const name of Object.keys((body.value ?? {}) as Json)) {
    if (resolve(spec, schema.properties?.[name] ?? {}, "").node?.format !== "binary") continue;
    const mediaType = concreteMediaType(body.media.encoding?.[name]?.contentType ?? "application/octet-stream");
    const path =
      name === "file" ? sampleFileName(operation, mediaType) : `${name}.${extensionOf(operation, mediaType)}`;
    uploads.set(name, { path: `./${path}`, mediaType });
  }
  return uploads;
}

/** The example of the operation's first JSON success response: path values are taken from it. */
function successExample(spec: Json, operation: SpecOperation): unknown {
  const content: Json = successResponse(spec, operation.operation)?.response.content ?? {};
  const json = Object.entries<Json>(content).find(([mediaType]) => isJsonMediaType(mediaType));
  return json ? mediaExample(spec, json[1]).value : undefined;
}

/** Query parameters readers set most, by preference: a date range, a keyword, a status. */
const TYPICAL_FILTERS = [["start_date", "end_date"], ["keyword"], ["status"]];
const PAGING = new Set(["per_page", "pagination_offset"]);

/** The optional query parameters a sample shows when the plan shows none of its own. */
function typicalFilter(spec: Json, operation: SpecOperation): Json[] {
  const optional = operation.parameters.map((p) => p.node).filter((p) => p.in === "query" && !p.required);
  const byName = new Map(optional.map((p) => [p.name as string, p]));
  for (const names of TYPICAL_FILTERS) if (names.every((n) => byName.has(n))) return names.map((n) => byName.get(n)!);
  const filter =
    optional.find((p) => resolve(spec, p.schema ?? {}, "").node?.enum) ?? optional.find((p) => !PAGING.has(p.name));
  return filter ? [filter] : [];
}

export function planSample(spec: Json, operation: SpecOperation): PlannedRequest {
  const responseExample = successExample(spec, operation);
  const planned = planRequest(spec, operation, { responseExample });
  const optionalShown = operation.parameters.some(
    ({ node: p }) => p.in === "query" && !p.required && p.name in planned.values,
  );
  if (optionalShown) return planned;
  const filter = typicalFilter(spec, operation);
  if (!filter.length) return planned;
  const known = knownValuesOf(responseExample);
  const values = Object.fromEntries(filter.map((p) => [p.name, plausibleValue(spec, p.schema ?? {}, p.name, known)]));
  return planRequest(spec, operation, { responseExample, values });
}

export function curlSample(serverUrl: string, spec: Json, operation: SpecOperation, req: PlannedRequest): string {
  // A GET's query goes on lines of its own (-G appends them to the URL, encoded).
  const queryLines = req.method === "GET" && req.query.length > 0;
  const query = !queryLines && req.query.length ? `?${new URLSearchParams(req.query).toString()}` : "";
  const lines = [`curl -X ${req.method}${queryLines ? " -G" : ""} ${shellQuote(`${serverUrl}${req.path}${query}`)}`];
  if (queryLines)
    for (const [name, value] of req.query) lines.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
  lines.push(`-H "Authorization: Bearer $NGORDER_TOKEN"`, `-H 'Accept-Language: en'`);
  const body = req.body;
  if (body && body.mediaType === "multipart/form-data") {
    const uploads = uploadsOf(spec, operation, req);
    for (const [name, value] of Object.entries((body.value ?? {}) as Json)) {
      const file = uploads.get(name);
      const field = file
        ? `${name}=@${file.path};type=${file.mediaType}`
        : `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`;
      lines.push(`-F ${shellQuote(field)}`);
    }
  } else if (body) {
    lines.push(`-H 'Content-Type: ${body.mediaType}'`, `-d ${shellQuote(JSON.stringify(body.value, null, 2))}`);
  }
  const download = downloadOf(spec, operation);
  if (download) lines.push(`-o ${shellQuote(download.fileName)}`);
  return lines.join(" \\\n  ");
}

const BLOB = "@ngorder-sample-file:";

/** A value as TypeScript source: JSON with identifier keys unquoted and files read as Blobs. */
function tsLiteral(value: unknown, uploads: Map<string, UploadFile>): string {
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:")
    .replace(new RegExp(`"${BLOB}([^"]+)"`, "g"), (_, name: string) => {
      const file = uploads.get(name)!;
      return `await openAsBlob(${JSON.stringify(file.path)}, { type: ${JSON.stringify(file.mediaType)} })`;
    });
}

export function sdkSample(spec: Json, sdk: SdkCall, operation: SpecOperation, req: PlannedRequest): string {
  const { body } = req;
  const uploads = uploadsOf(spec, operation, req);
  let bodyValue = body?.value;
  if (uploads.size && bodyValue && typeof bodyValue === "object") {
    bodyValue = Object.fromEntries(
      Object.entries(bodyValue as Json).map(([name, value]) => [name, uploads.has(name) ? `${BLOB}${name}` : value]),
    );
  }
  const params = {
    ...req.values,
    ...(body ? (sdk.signature.body === "flat" ? (bodyValue as Json) : { body: bodyValue }) : {}),
  };
  const args = Object.keys(params).length ? tsLiteral(params, uploads) : "";
  const download = downloadOf(spec, operation);
  return [
    ...(uploads.size ? [`import { openAsBlob } from "node:fs";`] : []),
    ...(download ? [`import { writeFile } from "node:fs/promises";`] : []),
    `import { createNgorder } from "ngorder-openapi";`,
    "",
    `const ngorder = createNgorder({ token: process.env.NGORDER_TOKEN! });`,
    `const result = await ngorder.${sdk.namespace}.${sdk.method}(${args});`,
    ...(download
      ? [`await writeFile(${JSON.stringify(download.fileName)}, Buffer.from(await result.arrayBuffer()));`]
      : []),
  ].join("\n");
}

export function codeSamples(spec: Json, operation: SpecOperation, sdk: SdkCall): CodeSample[] {
  const req = planSample(spec, operation);
  return [
    { lang: "TypeScript", label: "Ngorder SDK", source: sdkSample(spec, sdk, operation, req) },
    { lang: "curl", label: "curl", source: curlSample(spec.servers[0].url, spec, operation, req) },
  ];
}

// Code samples for one operation (its SDK call and a curl command), derived from the spec model at
// docs build time with the same request planner as the recordings, so a sample and a recording never
// disagree. Samples run as printed: query parameters are shown (the required ones, else a typical
// filter), uploads read a named file and downloads write one, each with its media type's extension.
import { deref } from "../../src/spec/document.ts";
import type { OperationModel, ParameterModel, SpecModel } from "../../src/spec/model.ts";
import { planRequest, successExample, type PlannedRequest } from "../../src/spec/request-plan.ts";
import { knownValuesOf, plausibleValue } from "../../src/spec/sample-values.ts";

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

function extensionOf(operation: OperationModel, mediaType: string): string {
  const extension = EXTENSIONS[concreteMediaType(mediaType)];
  if (!extension)
    throw new Error(
      `${operation.id}: no file extension known for ${mediaType}; add it to EXTENSIONS in code-samples.ts`,
    );
  return extension;
}

/** `downloadShipmentInvoicePdf` + pdf → `shipment-invoice.pdf`: the operationId without its verb. */
function sampleFileName(operation: OperationModel, mediaType: string): string {
  const extension = extensionOf(operation, mediaType);
  const words = operation.id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .slice(1);
  if (words.at(-1) === extension) words.pop();
  return `${words.join("-") || "file"}.${extension}`;
}

/** The file a download's samples write: named after the operation, with its media type's extension. */
export function downloadOf(operation: OperationModel): { fileName: string; mediaType: string } | undefined {
  const { binary, mediaType } = operation.success ?? {};
  return binary && mediaType ? { fileName: sampleFileName(operation, mediaType), mediaType } : undefined;
}

interface UploadFile {
  /** Path as the sample reads it, relative to the working directory. */
  path: string;
  mediaType: string;
}

/** The files of a multipart body, by field: `logo` → ./logo.png (image/png). */
function uploadsOf(operation: OperationModel): Map<string, UploadFile> {
  const body = operation.body;
  return new Map(
    (body?.files ?? []).map(({ name, contentType }) => {
      const declared: string = body!.media.encoding?.[name]?.contentType ?? contentType;
      const mediaType = concreteMediaType(declared.includes(",") ? contentType : declared);
      const file =
        name === "file" ? sampleFileName(operation, mediaType) : `${name}.${extensionOf(operation, mediaType)}`;
      return [name, { path: `./${file}`, mediaType }];
    }),
  );
}

/** Query parameters readers set most, by preference: a date range, a keyword, a status. */
const TYPICAL_FILTERS = [["start_date", "end_date"], ["keyword"], ["status"]];
const PAGING = new Set(["per_page", "pagination_offset"]);

/** The optional query parameters a sample shows when the plan shows none of its own. */
function typicalFilter(model: SpecModel, operation: OperationModel): ParameterModel[] {
  const optional = operation.queryParameters.filter((p) => !p.required);
  const byName = new Map(optional.map((p) => [p.name, p]));
  for (const names of TYPICAL_FILTERS) if (names.every((n) => byName.has(n))) return names.map((n) => byName.get(n)!);
  const filter =
    optional.find((p) => deref(model.document, p.schema ?? {}).enum) ?? optional.find((p) => !PAGING.has(p.name));
  return filter ? [filter] : [];
}

/** The request a sample shows: the planner's, with a typical filter where it shows no optional one. */
export function planSample(model: SpecModel, operation: OperationModel): PlannedRequest {
  const planned = planRequest(model, operation);
  if (operation.queryParameters.some((p) => !p.required && p.name in planned.values)) return planned;
  const filter = typicalFilter(model, operation);
  if (!filter.length) return planned;
  const example = successExample(model, operation);
  const known = knownValuesOf(example.found ? example.value : undefined);
  const values = Object.fromEntries(
    filter.map((p) => [p.name, plausibleValue(model.document, p.schema ?? {}, p.name, known)]),
  );
  return planRequest(model, operation, { values });
}

export function curlSample(model: SpecModel, operation: OperationModel, req: PlannedRequest): string {
  // A GET's query goes on lines of its own (-G appends them to the URL, encoded).
  const queryLines = req.method === "GET" && req.query.length > 0;
  const query = !queryLines && req.query.length ? `?${new URLSearchParams(req.query).toString()}` : "";
  const lines = [
    `curl -X ${req.method}${queryLines ? " -G" : ""} ${shellQuote(`${model.serverUrl}${req.path}${query}`)}`,
  ];
  if (queryLines)
    for (const [name, value] of req.query) lines.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
  lines.push(`-H "Authorization: Bearer $NGORDER_TOKEN"`, `-H 'Accept-Language: en'`);
  const body = req.body;
  if (body && body.mediaType === "multipart/form-data") {
    const uploads = uploadsOf(operation);
    for (const [name, value] of Object.entries(Object(body.value) as Record<string, unknown>)) {
      const file = uploads.get(name);
      const field = file
        ? `${name}=@${file.path};type=${file.mediaType}`
        : `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`;
      lines.push(`-F ${shellQuote(field)}`);
    }
  } else if (body) {
    lines.push(`-H 'Content-Type: ${body.mediaType}'`, `-d ${shellQuote(JSON.stringify(body.value, null, 2))}`);
  }
  const download = downloadOf(operation);
  if (download) lines.push(`-o ${shellQuote(download.fileName)}`);
  return lines.join(" \\\n  ");
}

const BLOB = "@ngorder-sample-file:";

/**
 * A value as TypeScript source: JSON with identifier keys unquoted and file members read as Blobs
 * (`await openAsBlob("./logo.png", { type: "image/png" })`, the files of `operation` when given).
 */
export function tsLiteral(value: unknown, operation?: OperationModel): string {
  const uploads = operation ? uploadsOf(operation) : new Map<string, UploadFile>();
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:")
    .replace(new RegExp(`"${BLOB}([^"]+)"`, "g"), (_, name: string) => {
      const file = uploads.get(name);
      return file
        ? `await openAsBlob(${JSON.stringify(file.path)}, { type: ${JSON.stringify(file.mediaType)} })`
        : `await openAsBlob("./${name}")`;
    });
}

/** The planned body as a caller writes it: file members become `openAsBlob(…)` in tsLiteral. */
export function sampleBody(operation: OperationModel, req: PlannedRequest): unknown {
  const value = req.body?.value;
  if (!operation.body?.files.length || !value || typeof value !== "object") return value;
  const files = new Set(operation.body.files.map((f) => f.name));
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, files.has(name) ? `${BLOB}${name}` : v]));
}

/** The SDK's one parameter object for a planned request: parameters, and the body beside them or under `body`. */
export function sdkParams(operation: OperationModel, req: PlannedRequest): Record<string, unknown> {
  if (!req.body) return { ...req.values };
  const body = sampleBody(operation, req);
  return { ...req.values, ...(operation.body?.placement === "flat" ? Object(body) : { body }) };
}

export function sdkSample(operation: OperationModel, req: PlannedRequest): string {
  const params = sdkParams(operation, req);
  const args = Object.keys(params).length ? tsLiteral(params, operation) : "";
  const download = downloadOf(operation);
  return [
    ...(args.includes("openAsBlob(") ? [`import { openAsBlob } from "node:fs";`] : []),
    ...(download ? [`import { writeFile } from "node:fs/promises";`] : []),
    `import { createNgorder } from "ngorder-openapi";`,
    "",
    `const ngorder = createNgorder({ token: process.env.NGORDER_TOKEN! });`,
    `const result = await ngorder.${operation.sdk.namespace}.${operation.sdk.method}(${args});`,
    ...(download
      ? [`await writeFile(${JSON.stringify(download.fileName)}, Buffer.from(await result.arrayBuffer()));`]
      : []),
  ].join("\n");
}

export function codeSamples(model: SpecModel, operation: OperationModel): CodeSample[] {
  const req = planSample(model, operation);
  return [
    { lang: "TypeScript", label: "Ngorder SDK", source: sdkSample(operation, req) },
    { lang: "curl", label: "curl", source: curlSample(model, operation, req) },
  ];
}

// Writes test/recordings/vendor-doc/<section>.har: one recorded exchange per example response of
// the vendor doc, derived from the bundle (the spec holds each example once; conventions §3.14).
// Requests use the parameters' examples or plausible values, and the request example as body.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { harEntry, harLog, postDataOf, type HarEntry } from "../src/contract/har.ts";
import { deref, loadSpec, type Json } from "../src/spec/document.ts";
import { specModel, type OperationModel, type SpecModel } from "../src/spec/model.ts";
import { planRequest } from "../src/spec/request-plan.ts";
import { isMain, ROOT } from "./lib/paths.ts";
import { writeIfChanged } from "./lib/write-if-changed.ts";

export const VENDOR_DOC_RECORDINGS = `${ROOT}test/recordings/vendor-doc`;

/** The doc's examples carry names starting with "vendorDoc" (`examples.vendorDoc.value`). */
const isVendorDocExample = (name: string) => name.startsWith("vendorDoc");

/** A fixed time, so the files only change when the spec does. */
const RECORDED_AT = "2024-01-31T03:00:00.000Z";

export function sectionSlug(section: string): string {
  return section
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function entriesOf(model: SpecModel, operation: OperationModel): HarEntry[] {
  const entries: HarEntry[] = [];
  for (const [status, response] of operation.responses) {
    for (const mediaType of response.content?.mediaTypes ?? []) {
      for (const [name, example] of Object.entries<Json>(response.content!.media(mediaType)!.examples ?? {})) {
        if (!isVendorDocExample(name)) continue;
        const value = deref(model.document, example).value;
        const request = planRequest(model, operation, { responseExample: value });
        const query = new URLSearchParams(request.query).toString();
        const text = JSON.stringify(value);
        const derivedBody =
          request.body?.source === "schema"
            ? "; request body derived from the schema (the doc prints no request example)"
            : "";
        entries.push(
          harEntry({
            method: request.method,
            url: `${model.serverUrl}${request.path}${query ? `?${query}` : ""}`,
            requestHeaders: [
              { name: "Accept", value: "application/json" },
              { name: "Accept-Language", value: "en" },
              ...(request.body ? [{ name: "Content-Type", value: request.body.mediaType }] : []),
            ],
            ...(request.body && operation.body ? { postData: postDataOf(operation.body, request.body) } : {}),
            status: Number(status),
            responseHeaders: [{ name: "Content-Type", value: mediaType }],
            responseText: text,
            responseSize: Buffer.byteLength(text),
            responseMimeType: mediaType,
            startedDateTime: RECORDED_AT,
            time: 0,
            comment: `${operation.tag} › ${operation.summary}: vendor doc example "${name}" (${status})${derivedBody}`,
          }),
        );
      }
    }
  }
  return entries;
}

/** The recordings by file name, in the spec's order. */
export function vendorDocRecordings(spec: Json): Map<string, HarEntry[]> {
  const model = specModel(spec);
  const files = new Map<string, HarEntry[]>();
  for (const operation of model.operations) {
    const entries = entriesOf(model, operation);
    if (!entries.length) continue;
    const file = `${sectionSlug(operation.tag)}.har`;
    files.set(file, [...(files.get(file) ?? []), ...entries]);
  }
  return files;
}

export function buildRecordings(spec: Json = loadSpec(`${ROOT}generated/openapi.json`)): void {
  const recordings = vendorDocRecordings(spec);
  mkdirSync(VENDOR_DOC_RECORDINGS, { recursive: true });
  for (const stale of readdirSync(VENDOR_DOC_RECORDINGS).filter((f) => f.endsWith(".har") && !recordings.has(f)))
    rmSync(`${VENDOR_DOC_RECORDINGS}/${stale}`);
  for (const [file, entries] of recordings) {
    const har = harLog(
      "ngorder-openapi scripts/build-recordings.ts",
      entries,
      "Derived from the vendor doc's examples in generated/openapi.json by scripts/build-recordings.ts. Do not edit: run `npm run generate`.",
    );
    writeIfChanged(`${VENDOR_DOC_RECORDINGS}/${file}`, `${JSON.stringify(har, null, 2)}\n`);
  }
}

if (isMain(import.meta.url)) {
  buildRecordings();
  console.log("wrote test/recordings/vendor-doc/*.har");
}

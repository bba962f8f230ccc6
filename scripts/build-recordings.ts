// Writes test/recordings/vendor-doc/<section>.har: one recorded exchange per example response of
// the vendor doc, derived from the bundle (the spec holds each example once; conventions §3.14).
// Requests use the parameters' examples or plausible values, and the request example as body.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { harEntry, harLog, type HarEntry } from "../src/contract/har.ts";
import {
  joinPointer,
  loadSpec,
  operationsOf,
  resolve,
  type Json,
  type SpecOperation,
} from "../src/contract/openapi.ts";
import { planRequest, postDataOf } from "../src/contract/plausible-request.ts";
import { isMain, ROOT } from "./lib/paths.ts";

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

function entriesOf(spec: Json, operation: SpecOperation): HarEntry[] {
  const server: string = spec.servers[0].url.replace(/\/+$/, "");
  const section: string = operation.operation.tags?.[0] ?? "Untagged";
  const entries: HarEntry[] = [];
  for (const [status, rawResponse] of Object.entries<Json>(operation.operation.responses ?? {})) {
    const response = resolve(spec, rawResponse, joinPointer(operation.pointer, "responses", status)).node;
    for (const [mediaType, media] of Object.entries<Json>(response.content ?? {})) {
      for (const [name, example] of Object.entries<Json>(media.examples ?? {})) {
        if (!isVendorDocExample(name)) continue;
        const value = resolve(spec, example, "").node.value;
        const request = planRequest(spec, operation, { responseExample: value });
        const query = new URLSearchParams(request.query).toString();
        const text = JSON.stringify(value);
        const derivedBody =
          request.body?.source === "schema"
            ? "; request body derived from the schema (the doc prints no request example)"
            : "";
        entries.push(
          harEntry({
            method: request.method,
            url: `${server}${request.path}${query ? `?${query}` : ""}`,
            requestHeaders: [
              { name: "Accept", value: "application/json" },
              { name: "Accept-Language", value: "en" },
              ...(request.body ? [{ name: "Content-Type", value: request.body.mediaType }] : []),
            ],
            ...(request.body ? { postData: postDataOf(spec, request.body) } : {}),
            status: Number(status),
            responseHeaders: [{ name: "Content-Type", value: mediaType }],
            responseText: text,
            responseSize: Buffer.byteLength(text),
            responseMimeType: mediaType,
            startedDateTime: RECORDED_AT,
            time: 0,
            comment: `${section} › ${operation.operation.summary}: vendor doc example "${name}" (${status})${derivedBody}`,
          }),
        );
      }
    }
  }
  return entries;
}

/** The recordings by file name, in the spec's order. */
export function vendorDocRecordings(spec: Json): Map<string, HarEntry[]> {
  const files = new Map<string, HarEntry[]>();
  for (const operation of operationsOf(spec)) {
    const entries = entriesOf(spec, operation);
    if (!entries.length) continue;
    const file = `${sectionSlug(operation.operation.tags?.[0] ?? "untagged")}.har`;
    files.set(file, [...(files.get(file) ?? []), ...entries]);
  }
  return files;
}

export function buildRecordings(spec: Json = loadSpec(`${ROOT}generated/openapi.json`)): void {
  mkdirSync(VENDOR_DOC_RECORDINGS, { recursive: true });
  for (const stale of readdirSync(VENDOR_DOC_RECORDINGS).filter((f) => f.endsWith(".har")))
    rmSync(`${VENDOR_DOC_RECORDINGS}/${stale}`);
  for (const [file, entries] of vendorDocRecordings(spec)) {
    const har = harLog(
      "ngorder-openapi scripts/build-recordings.ts",
      entries,
      "Derived from the vendor doc's examples in generated/openapi.json by scripts/build-recordings.ts. Do not edit: run `npm run generate`.",
    );
    writeFileSync(`${VENDOR_DOC_RECORDINGS}/${file}`, `${JSON.stringify(har, null, 2)}\n`);
  }
}

if (isMain(import.meta.url)) {
  buildRecordings();
  console.log("wrote test/recordings/vendor-doc/*.har");
}

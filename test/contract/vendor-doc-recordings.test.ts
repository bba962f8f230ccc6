// The first recordings are the vendor doc's own examples: every example response printed in the
// doc is recorded once, with the request it answers, under a comment naming its section and title.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exampleValue, parseVendorDoc, type DocExample, type DocOperation } from "../../scripts/lib/vendor-doc.ts";
import { parseFormPairs, type FormValue } from "../../src/wire.ts";
import type { Har, HarEntry } from "../../src/contract/har.ts";
import { loadModel } from "../support/spec.ts";

const DIR = new URL("../recordings/vendor-doc/", import.meta.url);
const entries: HarEntry[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".har"))
  .flatMap((f) => (JSON.parse(readFileSync(new URL(f, DIR), "utf8")) as Har).log.entries);

const keyOf = (o: DocOperation) => `${o.section} › ${o.title}`;
const entriesOf = (o: DocOperation) => entries.filter((e) => e.comment?.startsWith(`${keyOf(o)}: `));
const responseBody = (e: HarEntry) => JSON.parse(e.response.content.text ?? "null");
/** Query values as the recording sends them: strings, with bracket names read as structure. */
const asSent = (value: unknown): FormValue =>
  Array.isArray(value)
    ? value.map(asSent)
    : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asSent(v)]))
      : String(value);

/**
 * A few doc "responses" are requests the doc mislabelled (an `example-mislabelled` entry in the
 * ledger): the spec carries them as request bodies, so they have no recording. Decided from the
 * spec alone: were it decided from the recordings, a lost recording would drop out unnoticed.
 */
const model = loadModel();
const mislabelled = model.operations.filter((o) =>
  (o.object["x-doc-defects"] ?? []).some((d: { kind: string }) => d.kind === "example-mislabelled"),
);
const relabelled = new Set(mislabelled.map((o) => `${o.tag} › ${o.summary}`));

const docOperations = parseVendorDoc();
const label = (o: DocOperation, e: DocExample) => `${keyOf(o)} (line ${e.line})`;
const responses = docOperations.flatMap((o) =>
  o.examples
    .filter((e) => e.kind !== "request" && e.text && !relabelled.has(keyOf(o)))
    .map((e) => [label(o, e), o, e] as const),
);
// A request example is recorded with the responses of its operation; without one it has none.
const recordedOperations = new Set(responses.map(([, o]) => o));
const requests = docOperations
  .filter((o) => recordedOperations.has(o))
  .flatMap((o) => o.examples.filter((e) => e.kind === "request" && e.text).map((e) => [label(o, e), o, e] as const));

describe("the vendor doc recordings", () => {
  it("record each of the doc's example responses once", () => {
    expect(entries).toHaveLength(responses.length);
    expect(responses.length).toBeGreaterThan(140);
  });

  it("leave out only the mislabelled requests, which the spec carries as request bodies", () => {
    expect(mislabelled.length).toBeGreaterThan(0);
    for (const operation of mislabelled) {
      expect(operation.body?.media?.examples, operation.id).toBeDefined();
      expect(entries.filter((e) => e.comment?.startsWith(`${operation.tag} › ${operation.summary}: `))).toEqual([]);
    }
  });

  it.each(responses)("%s: the example response is recorded under its section and title", (_, operation, example) => {
    expect(entriesOf(operation).map(responseBody)).toContainEqual(exampleValue(example));
  });

  it.each(requests)("%s: the example request is what the recordings send", (_, operation, example) => {
    const printed = exampleValue(example) as Record<string, unknown>;
    expect(entriesOf(operation).length, "no recording of the operation").toBeGreaterThan(0);
    for (const entry of entriesOf(operation)) {
      if (entry.request.method === "GET") {
        const query = Object.fromEntries(parseFormPairs(new URL(entry.request.url).searchParams));
        expect(query).toEqual(asSent(printed));
      } else {
        expect(JSON.parse(entry.request.postData?.text ?? "null")).toEqual(printed);
      }
    }
  });
});

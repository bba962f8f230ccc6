// Every example printed in the vendor doc appears in the spec, unchanged but for the allowed
// repairs (trailing commas, redacted secrets), in the operation it documents (conventions §3.14).
import { describe, expect, it } from "vitest";
import { exampleValue, parseVendorDoc } from "../../scripts/lib/vendor-doc.ts";
import { deref } from "../../src/spec/document.ts";
import { loadModel, type Json } from "../support/spec.ts";

const model = loadModel();
const byKey = new Map(model.operations.map((o) => [`${o.tag} › ${o.summary}`, o]));

const resolve = (node: unknown): Json => deref(model.document, node);

/** Every example value attached to an operation: media-type examples of its body and responses. */
function examplesOf(op: Json): unknown[] {
  const values: unknown[] = [];
  const contents = [resolve(op.requestBody)?.content, ...Object.values<Json>(op.responses ?? {}).map((r) => resolve(r)?.content)];
  for (const content of contents) {
    for (const media of Object.values<Json>(content ?? {})) {
      if ("example" in media) values.push(media.example);
      for (const ex of Object.values<Json>(media.examples ?? {})) values.push(resolve(ex).value);
    }
  }
  // A GET's printed request example is sent as query parameters: compare it with their examples.
  const query = (op.parameters ?? []).map(resolve).filter((p: Json) => p.in === "query" && "example" in p);
  if (query.length) values.push(Object.fromEntries(query.map((p: Json) => [p.name, p.example])));
  return values;
}

const printed = parseVendorDoc().flatMap((o) =>
  o.examples.filter((e) => e.text).map((e) => [`${o.section} › ${o.title}: ${e.label} (line ${e.line})`, `${o.section} › ${o.title}`, e] as const),
);

describe("the vendor doc's examples", () => {
  it.each(printed)("%s is in the spec", (_, key, example) => {
    const operation = byKey.get(key);
    expect(operation, `no operation describes ${key}`).toBeDefined();
    expect(examplesOf(operation!.object)).toContainEqual(exampleValue(example));
  });
});

// The spec's own facts, checked against the vendor doc it is built from.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { DEFECT_KINDS, DOC_SOURCES } from "../../scripts/generate-defects.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { parseVendorDoc, SECTIONS } from "../../scripts/lib/vendor-doc.ts";
import { loadModel } from "../support/spec.ts";

const model = loadModel();
const doc = model.document;
const operations = model.operations;
const docOperations = parseVendorDoc();
const key = (section: string, title: string) => `${section} › ${title}`;
const docKeys = new Set(docOperations.map((o) => key(o.section, o.title)));
const label = (o: { method: string; path: string }) => `${o.method.toUpperCase()} ${o.path}`;

describe("the vendor doc parser", () => {
  it("finds the doc's 160 operations in its 31 sections", () => {
    expect(docOperations).toHaveLength(160);
    expect(new Set(docOperations.map((o) => o.section)).size).toBe(SECTIONS.length);
    expect(docKeys.size).toBe(160);
  });
});

describe("every operation", () => {
  it("has a unique operationId", () => {
    const ids = operations.map((o) => o.object.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(operations.map((o) => [label(o), o] as const))("%s has one tag, a doc section, and the doc's title as summary", (_, o) => {
    expect(o.object.tags).toHaveLength(1);
    expect(SECTIONS).toContain(o.object.tags[0]);
    expect([...docKeys]).toContain(key(o.object.tags[0], o.object.summary));
  });

  it("describes each of the doc's operations exactly once", () => {
    const keys = operations.map((o) => key(o.object.tags[0], o.object.summary));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...docKeys].filter((k) => !keys.includes(k))).toEqual([]);
  });

  it.each(operations.map((o) => [label(o), o] as const))("%s references the shared Accept-Language header and error responses", (_, o) => {
    expect(o.object.parameters).toContainEqual({ $ref: "#/components/parameters/AcceptLanguage" });
    for (const [status, name] of [["400", "BadRequest"], ["401", "Unauthorized"], ["429", "TooManyRequests"], ["500", "InternalServerError"]]) {
      const response = o.object.responses[status!];
      expect(response, `${label(o)} ${status}`).toBeDefined();
      // An operation may document its own 400 (with the doc's error example) on the shared envelope.
      if (status === "400" && !response.$ref) expect(response.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorEnvelope" });
      else expect(response).toEqual({ $ref: `#/components/responses/${name}` });
    }
  });

  it.each(operations.map((o) => [label(o), o] as const))("%s is marked inferred when it is not the endpoint the doc prints", (_, o) => {
    const printed = docOperations.find((d) => key(d.section, d.title) === key(o.object.tags[0], o.object.summary));
    const asPrinted = printed?.method?.toLowerCase() === o.method && printed?.url === `${doc.servers[0].url}${o.path}`;
    expect(o.object["x-endpoint-inferred"] === undefined, `${label(o)} prints as ${printed?.method} ${printed?.url}`).toBe(asPrinted);
  });
});

describe("every inferred endpoint", () => {
  const inferred = operations.filter((o) => o.object["x-endpoint-inferred"] !== undefined);

  it.each(inferred.map((o) => [label(o), o] as const))("%s records what was printed, the evidence and a confidence, and warns first", (_, o) => {
    const marker = o.object["x-endpoint-inferred"];
    expect(Object.keys(marker).sort()).toEqual(["confidence", "evidence", "printed"]);
    expect(["high", "medium", "low"]).toContain(marker.confidence);
    expect(o.object.description).toMatch(/^> ⚠️ \*\*Inferred endpoint\*\* \(confidence: (high|medium|low)\)\./);
  });
});

describe("the defects ledger entries", () => {
  const entries = operations.flatMap((o) => (o.object["x-doc-defects"] ?? []).map((d: Record<string, unknown>) => [label(o), d] as const));
  const rootEntries = ((doc["x-doc-defects"] ?? []) as Record<string, unknown>[]).map((d) => [`${d.section} › ${d.operation}`, d] as const);

  function expectWellFormed(d: Record<string, unknown>) {
    expect(Object.keys(DEFECT_KINDS)).toContain(d.kind);
    expect(["high", "medium", "low"]).toContain(d.confidence);
    expect(Array.isArray(d.source) && d.source.length > 0, "source is a non-empty list").toBe(true);
    for (const source of d.source as string[]) expect(Object.keys(DOC_SOURCES)).toContain(source);
    for (const field of ["printed", "described", "evidence"]) expect(String(d[field]).trim().length).toBeGreaterThan(0);
  }

  it.each(entries)("%s: a defect names its kind, its source, what was printed and described, the evidence and a confidence", (_, d) => {
    expect(Object.keys(d).sort()).toEqual(["confidence", "described", "evidence", "kind", "printed", "source"]);
    expectWellFormed(d);
  });

  it.each(rootEntries)("root entry %s also names the section and operation it is about", (_, d) => {
    expect(Object.keys(d).sort()).toEqual(["confidence", "described", "evidence", "kind", "operation", "printed", "section", "source"]);
    for (const field of ["section", "operation"]) expect(String(d[field]).trim().length).toBeGreaterThan(0);
    expectWellFormed(d);
  });

  it("every inferred endpoint is in the ledger as a broken endpoint", () => {
    for (const o of operations.filter((o) => o.object["x-endpoint-inferred"])) {
      expect((o.object["x-doc-defects"] ?? []).map((d: { kind: string }) => d.kind), label(o)).toContain("broken-endpoint");
    }
  });
});

describe("the document's licence", () => {
  it("is the repository's own licence (package.json), stated for this description document", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8"));
    expect(doc.info.license.identifier).toBe(pkg.license);
    expect(doc.info.license.name).toMatch(/description document/);
  });
});

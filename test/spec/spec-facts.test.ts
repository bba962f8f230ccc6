// The spec's own facts, checked against the vendor doc it is built from. The shape every operation
// must have (one section tag, the shared Accept-Language and error answers, the markers of a guess
// and of a ledger entry) is a lint rule (redocly.yaml, proven by test/spec/lint-rules.test.ts).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { renderDefects } from "../../scripts/generate-defects.ts";
import { inferredWarning } from "../../scripts/bundle.ts";
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
    expect(ids.filter((id) => typeof id !== "string" || !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is tagged with a section of the doc, and has the doc's title as summary", () => {
    expect(doc.tags.map((t: { name: string }) => t.name).sort()).toEqual([...SECTIONS].sort());
    const unknown = operations.filter((o) => !docKeys.has(key(o.object.tags[0], o.object.summary)));
    expect(unknown.map((o) => `${label(o)}: ${key(o.object.tags[0], o.object.summary)}`)).toEqual([]);
  });

  it("describes each of the doc's operations exactly once", () => {
    const keys = operations.map((o) => key(o.object.tags[0], o.object.summary));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...docKeys].filter((k) => !keys.includes(k))).toEqual([]);
  });

  it("is marked inferred exactly when it is not the endpoint the doc prints", () => {
    const wrong = operations.flatMap((o) => {
      const printed = docOperations.find((d) => key(d.section, d.title) === key(o.object.tags[0], o.object.summary));
      const asPrinted = printed?.method?.toLowerCase() === o.method && printed?.url === `${doc.servers[0].url}${o.path}`;
      const marked = o.object["x-endpoint-inferred"] !== undefined;
      return marked === asPrinted ? [`${label(o)} prints as ${printed?.method} ${printed?.url}, marked: ${marked}`] : [];
    });
    expect(wrong).toEqual([]);
  });
});

describe("every inferred endpoint", () => {
  const inferred = operations.filter((o) => o.inferred);

  it("warns first in the bundle's description, with what was printed and how sure we are", () => {
    expect(inferred.length).toBeGreaterThan(10);
    const unwarned = inferred.filter(
      (o) => !String(o.object.description).startsWith(inferredWarning(o.method, o.path, o.inferred!)),
    );
    expect(unwarned.map(label)).toEqual([]);
  });

  it("is in the ledger as a broken endpoint", () => {
    const missing = inferred.filter(
      (o) => !(o.object["x-doc-defects"] ?? []).some((d: { kind: string }) => d.kind === "broken-endpoint"),
    );
    expect(missing.map(label)).toEqual([]);
  });
});

describe("the defects ledger", () => {
  const planted = (edit: (entry: Record<string, unknown>) => void) => {
    const copy = structuredClone(doc);
    edit(copy.paths["/warehouse"].get["x-doc-defects"]?.[0] ?? copy["x-doc-defects"][0]);
    return () => renderDefects(copy);
  };

  it("refuses an entry whose kind or source it does not define, naming where it is", () => {
    expect(planted((d) => (d.kind = "typo"))).toThrow(/: x-doc-defects kind "typo" is none of broken-endpoint, /);
    expect(planted((d) => (d.source = ["current-doc", "hearsay"]))).toThrow(
      /: x-doc-defects source "hearsay" is none of current-doc, slate-2021, public-code$/,
    );
  });
});

describe("the document's licence", () => {
  it("is the repository's own licence (package.json), stated for this description document", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8"));
    expect(doc.info.license.identifier).toBe(pkg.license);
    expect(doc.info.license.name).toMatch(/description document/);
  });
});

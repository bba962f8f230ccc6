// npm run diff classifies changes for a client of the API: seven edits of the real bundle (five
// breaking, two compatible), compared on the operations they reach and the components those use
// (test/support/spec-edits.ts), then the command itself on files.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiCompare } from "api-smart-diff";
import { afterAll, describe, expect, it } from "vitest";
import { main as diffMain } from "../../scripts/diff.ts";
import { diffSpecs, type SpecChange } from "../../scripts/lib/spec-diff.ts";
import { loadBundle, type Json } from "../support/spec.ts";
import { editedPair, pairWithPaths, SPEC_EDITS, withPaths } from "../support/spec-edits.ts";
import { runMain } from "../support/run-cli.ts";

const bundle = loadBundle();
const dir = mkdtempSync(join(tmpdir(), "ngorder-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const breakingOf = (changes: SpecChange[]) => changes.filter((c) => c.classification === "breaking");

function edited(paths: string[], edit: (spec: Json) => void): SpecChange[] {
  const after = structuredClone(bundle);
  edit(after);
  return diffSpecs(...pairWithPaths(bundle, after, paths));
}

describe("diffSpecs on seven edits of the bundle", () => {
  for (const edit of SPEC_EDITS) {
    it(`${edit.name}: ${edit.breaking ? "breaking" : "compatible"}`, () => {
      const changes = diffSpecs(...editedPair(bundle, edit));
      const onOperation = changes.filter((c) => c.operation?.id === edit.operationId);
      expect(onOperation.length).toBeGreaterThan(0);
      expect(onOperation.every((c) => c.classification === (edit.breaking ? "breaking" : "compatible"))).toBe(true);
      expect(breakingOf(changes).length > 0).toBe(edit.breaking);
    });
  }

  it("names the operation by its section and title", () => {
    const [removal] = diffSpecs(...editedPair(bundle, SPEC_EDITS[0]!));
    expect(removal!.operation).toEqual({
      id: "deleteWarehouse",
      method: "DELETE",
      path: "/warehouse/{id}",
      summary: "Delete Warehouse",
      tag: "Warehouse",
    });
  });

  it("finds no change between a document and itself, and leaves both documents as they were", () => {
    const [before, after] = editedPair(bundle, SPEC_EDITS.find((e) => e.name.includes("widened"))!);
    const copies = structuredClone([before, after]);
    diffSpecs(before, after);
    expect([before, after]).toEqual(copies);
    expect(diffSpecs(withPaths(bundle, ["/warehouse"]), withPaths(bundle, ["/warehouse"]))).toEqual([]);
  });
});

describe("the corrections to the library", () => {
  const widening = SPEC_EDITS.find((e) => e.name.includes("widened"))!;

  it("are needed: the library alone calls a request widened to accept null breaking", () => {
    const { diffs } = apiCompare(...editedPair(bundle, widening));
    expect(diffs.filter((d) => d.path[0] === "paths").every((d) => d.type === "breaking")).toBe(true);
  });

  it("judge a type by what it accepts: a response widened to null breaks, narrowed does not", () => {
    const widened = edited(["/warehouse/{id}"], (s) => (s.components.schemas.Warehouse.properties.address.type = ["string", "null"]));
    expect(widened).toMatchObject([
      { classification: "breaking", operation: { id: "getWarehouse" }, description: "[Changed] type of responses › 200 › application/json › data › address: `string` → `string` | `null`" },
      { classification: "breaking", operation: { id: "deleteWarehouse" } },
    ]);
    const narrowed = edited(["/product-category"], (s) => (s.components.schemas.ProductCategory.properties.updated_at.type = "string"));
    expect(narrowed.length).toBeGreaterThan(0);
    expect(breakingOf(narrowed)).toEqual([]);
  });

  it("judge a replaced response type breaking, which the library alone calls compatible", () => {
    const retype = (s: Json) => (s.components.schemas.Warehouse.properties.address.type = "integer");
    const after = structuredClone(bundle);
    retype(after);
    const { diffs } = apiCompare(...pairWithPaths(bundle, after, ["/warehouse/{id}"]));
    expect(diffs.filter((d) => d.path[0] === "paths").map((d) => d.type)).toEqual(["non-breaking", "non-breaking"]);
    expect(edited(["/warehouse/{id}"], retype).map((c) => c.classification)).toEqual(["breaking", "breaking"]);
  });

  it("leave a member named `type` to the library", () => {
    const changes = edited(["/order-cost/create"], (s) => {
      const type = s.components.schemas.AmountType;
      type.enum = type.enum.filter((v: string) => v !== "NOMINAL");
    });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.classification === "breaking" && !c.description.startsWith("[Changed] type of"))).toBe(true);
  });

  it("say required only of a required parameter", () => {
    const [optional] = diffSpecs(...editedPair(bundle, SPEC_EDITS.find((e) => e.name.includes("optional"))!));
    expect(optional!.description).toBe("[Added] query parameter `keyword`");
    const required = edited(["/warehouse"], (s) =>
      s.paths["/warehouse"].get.parameters.push({ name: "keyword", in: "query", required: true, schema: { type: "string" } }),
    );
    expect(required).toMatchObject([{ classification: "breaking", description: "[Added] required query parameter `keyword`" }]);
  });

  it("see a $ref moved to another component on the operation, not as components added and removed", () => {
    const moved = edited(["/warehouse/{id}"], (s) => {
      s.paths["/warehouse/{id}"].get.responses["200"].content["application/json"].schema.properties.data.$ref =
        "#/components/schemas/WarehouseRef";
    });
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.filter((c) => c.pointer.startsWith("/components/"))).toEqual([]);
    expect(moved.every((c) => c.operation?.id === "getWarehouse")).toBe(true);
  });

  it("judge a shared schema where operations use it, and keep a whole component removed", () => {
    const widened = diffSpecs(...editedPair(bundle, widening));
    expect(widened.some((c) => c.pointer.startsWith("/components/"))).toBe(false);
    const removed = edited([], (s) => delete s.components.schemas.WarehouseRef);
    expect(removed).toMatchObject([{ classification: "breaking", action: "remove", pointer: "/components/schemas/WarehouseRef" }]);
  });
});

describe("npm run diff", () => {
  const diff = (...args: string[]) => runMain(diffMain, args);
  function files(name: string): [string, string] {
    const [before, after] = editedPair(bundle, SPEC_EDITS.find((e) => e.name.includes(name))!);
    const paths: [string, string] = [join(dir, `${name}-old.json`), join(dir, `${name}-new.json`)];
    writeFileSync(paths[0], JSON.stringify(before));
    writeFileSync(paths[1], JSON.stringify(after));
    return paths;
  }

  it("exits 1 on a breaking change and lists it by operation", async () => {
    const { code, stdout } = await diff(...files("operation removed"));
    expect(code).toBe(1);
    expect(stdout).toContain("breaking     Warehouse › Delete Warehouse (DELETE /warehouse/{id}): [Removed] operation");
    expect(stdout).toContain("BREAKING: 1 of 1 change(s) break clients");
  });

  it("exits 0 on compatible changes, and reports JSON for machines", async () => {
    const { code, stdout } = await diff("--report", "json", ...files("widened"));
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.breaking).toBe(false);
    expect(report.changes.map((c: SpecChange) => [c.classification, c.operation?.id])).toEqual([
      ["compatible", "createWarehouse"],
      ["compatible", "updateWarehouse"],
    ]);
  });

  it("names what it cannot read and exits 2", async () => {
    const { code, stderr } = await diff("no-such-ref-or-file", "HEAD");
    expect(code).toBe(2);
    expect(stderr).toContain("no-such-ref-or-file: neither a file nor a git ref");
  });
});

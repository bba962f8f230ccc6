// ngorder-contract --propose: recordings with an undocumented response member and with a null
// where the spec says string yield a patch of a copy of spec/ that, applied, passes the lint and
// the contract check on those recordings. The spec itself is never edited by the command.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../../scripts/bundle.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { lint } from "../../scripts/lint.ts";
import { checkHarFiles } from "../../src/contract/check-files.ts";
import type { Har, HarEntry } from "../../src/contract/har.ts";
import { inferSchema } from "../../src/contract/infer-schema.ts";
import { locateSource } from "../../src/contract/propose.ts";
import { addMember, widenType } from "../../src/contract/yaml-edits.ts";
import { runCli } from "../support/run-cli.ts";
import { ignoredByTheRepository } from "../support/spec-copy.ts";

const dir = mkdtempSync(join(tmpdir(), "ngorder-propose-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const warehouse = JSON.parse(readFileSync(`${ROOT}test/recordings/vendor-doc/warehouse.har`, "utf8")) as Har;
function recording(name: string, title: string, edit: (body: any) => void): void {
  const entry = structuredClone(warehouse.log.entries.find((e) => e.comment?.includes(`› ${title}:`))) as HarEntry;
  const body = JSON.parse(entry.response.content.text!);
  edit(body);
  entry.response.content.text = JSON.stringify(body);
  writeFileSync(
    join(dir, "recordings", `${name}.har`),
    JSON.stringify({ log: { ...warehouse.log, entries: [entry] } }),
  );
}

const PERSON = { name: "Budi Santoso", phone: "081234567890", email: "budi@example.com" };

describe("ngorder-contract --propose", () => {
  mkdirSync(join(dir, "recordings"));
  cpSync(`${ROOT}spec`, join(dir, "spec"), { recursive: true });
  recording("undocumented-member", "Get Warehouse Detail", (body) => {
    body.data.code = "WH-BDG";
    body.data.manager = { ...PERSON, shifts: [1, 2] };
    body.data.label = "Gudang \u001b[2J\u202eBandung";
  });
  recording("null-for-string", "Get Warehouses", (body) => {
    body.data[0].address = null;
  });
  const sourceBefore = readFileSync(join(dir, "spec/components/schemas/Warehouse.yaml"), "utf8");

  // The copy is the spec as it is, whose bundle is generated/openapi.json (the drift check proves it).
  const asItIs = `${ROOT}generated/openapi.json`;

  it("fails the recordings against the spec as it is", () => {
    const report = checkHarFiles([join(dir, "recordings")], { specPath: asItIs });
    expect(report.failures.map((f) => `${f.pointer} ${f.message}`).sort()).toEqual([
      "/data/0/address must be string",
      "/data/code is not a documented property",
      "/data/label is not a documented property",
      "/data/manager is not a documented property",
    ]);
  });

  let patch = "";
  it("prints a patch of the source and leaves the source alone", async () => {
    const run = await runCli(`${ROOT}src/contract/cli.ts`, ["--spec", asItIs, "--propose", "spec", "recordings"], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("propose: 4 edit(s) of spec; 0 failure(s) need a hand");
    patch = run.stdout;
    expect(patch).toContain("--- a/spec/components/schemas/Warehouse.yaml");
    expect(patch).toContain(
      '-    type: string\n+    type: [string, "null"]\n     description: Address of that supplier',
    );
    expect(patch).toContain(
      '+  code:\n+    type: string\n+    description: "Not in the vendor doc: seen in recorded traffic."\n+    examples:\n+      - WH-BDG\n',
    );
    expect(patch).toContain("+      shifts:\n+        type: array\n+        items:\n+          type: integer\n");
    for (const value of Object.values(PERSON)) expect(patch).not.toContain(value);
    expect(patch).toContain("+      - Gudang \\u001b[2J\\u202eBandung\n");
    expect([patch.includes("\u001b"), patch.includes("\u202e")]).toEqual([false, false]);
    expect(readFileSync(join(dir, "spec/components/schemas/Warehouse.yaml"), "utf8")).toBe(sourceBefore);
  });

  // The full lint of a copy of the spec (the command `npm run lint` runs) on the one bundle of it.
  it("makes the lint and the contract check pass once applied", async () => {
    writeFileSync(join(dir, "proposal.patch"), patch);
    execFileSync("git", ["apply", "proposal.patch"], { cwd: dir });
    bundle(join(dir, "spec/openapi.yaml"), join(dir, "bundle"));
    const specPath = join(dir, "bundle/openapi.json");
    // The repository's lint ignores two problems of the vendor's paths by file name; so does this copy.
    const problems = (await lint(join(dir, "spec/openapi.yaml"), specPath)).filter((p) => !ignoredByTheRepository(p));
    expect(problems).toEqual([]);
    expect(checkHarFiles([join(dir, "recordings")], { specPath }).failures).toEqual([]);
  });
});

describe("inferSchema", () => {
  it("types every recorded value, null as a type array, integers as numbers beside fractions", () => {
    expect(inferSchema(["a", null])).toEqual({ type: ["string", "null"] });
    expect(inferSchema([1, 2.5])).toEqual({ type: "number" });
    expect(inferSchema([{ a: 1 }, { b: [true] }])).toEqual({
      type: "object",
      properties: { a: { type: "integer" }, b: { type: "array", items: { type: "boolean" } } },
    });
  });

  it("keeps a recorded __proto__ as a member name", () => {
    const schema = inferSchema([JSON.parse('{"__proto__": {"polluted": 1}}')]);
    expect(Object.keys(schema.properties)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the source edits", () => {
  it("place a member of an operation's own schema in the operation's file, as written there", () => {
    const place = locateSource(
      `${ROOT}spec`,
      "/paths/~1warehouse~1{id}/get/responses/200/content/application~1json/schema",
    );
    expect(place).toEqual({
      file: `${ROOT}spec/operations/warehouse/getWarehouse.yaml`,
      at: ["responses", "200", "content", "application/json", "schema"],
    });
    const before = readFileSync(place.file, "utf8");
    const after = addMember(before, place.at, "request_id", { type: "string" });
    expect(parse(after).responses["200"].content["application/json"].schema.properties.request_id).toEqual({
      type: "string",
    });
    // Only lines were added: everything written before is still there, in order.
    const added = after.split("\n").filter((line) => !before.split("\n").includes(line));
    expect(added).toEqual(["            request_id:", "              type: string"]);
  });

  it("follow the source's $ref into a component's file", () => {
    const place = locateSource(
      `${ROOT}spec`,
      "/paths/~1warehouse~1{id}/get/responses/200/content/application~1json/schema/properties/data",
    );
    expect(place).toEqual({ file: `${ROOT}spec/components/schemas/Warehouse.yaml`, at: [] });
  });

  it("widen a type and its enum together, and start `properties` where a schema has none", () => {
    const text = "type: string\nenum: [a, b]\ndescription: x\n";
    expect(widenType(text, [], ["string", "null"], true)).toBe(
      'type: [string, "null"]\nenum: [a, b, null]\ndescription: x\n',
    );
    expect(addMember("type: object\n", [], "a", { type: ["integer", "null"] })).toBe(
      'type: object\nproperties:\n  a:\n    type: [integer, "null"]\n',
    );
  });
});

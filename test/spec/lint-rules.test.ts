// Our own lint rules catch what they are for: a copy of the spec with one defect planted must fail.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redocly } from "../../scripts/lint.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

function specCopyWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "ngorder-lint-"));
  cpSync(`${ROOT}spec`, `${dir}/spec`, { recursive: true });
  const path = `${dir}/spec/${file}`;
  writeFileSync(path, edit(readFileSync(path, "utf8")));
  return `${dir}/spec/openapi.yaml`;
}

describe("the lint rules", () => {
  it("forbid a request body on a GET operation", async () => {
    const root = specCopyWith("operations/warehouse/listWarehouses.yaml", (text) =>
      text.replace("responses:\n", "requestBody:\n  content:\n    application/json:\n      schema:\n        type: object\nresponses:\n"),
    );
    const problems = (await redocly(root)).filter((p) => p.tool === "redocly rule/no-request-body-on-get");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.where).toContain("listWarehouses.yaml");
  });

  it("reject an example property that its schema does not describe", async () => {
    const root = specCopyWith("operations/warehouse/getWarehouse.yaml", (text) => text.replace("                id: 22\n", "                id: 22\n                undocumented: 1\n"));
    const problems = (await redocly(root)).filter((p) => p.tool === "redocly no-invalid-media-type-examples");
    expect(problems.map((p) => p.message).join("\n")).toContain("undocumented");
  });

  it("require the document's licence", async () => {
    const root = specCopyWith("openapi.yaml", (text) => text.replace(/ {2}license:\n( {4}.*\n)+/, ""));
    const problems = (await redocly(root)).filter((p) => p.tool === "redocly info-license");
    expect(problems).toHaveLength(1);
  });
});

// The docs' code samples are derived from the spec: every operation has an SDK call and a curl
// command, and every SDK call type-checks against the generated SDK.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { decorate } from "../../scripts/build-docs.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { specModel } from "../../src/spec/model.ts";
import { loadBundle } from "../support/spec.ts";

const site = decorate(loadBundle());
const operations = specModel(site).operations;
const sampleOf = (op: Record<string, any>, label: string): string =>
  op["x-codeSamples"].find((s: { label: string }) => s.label === label)?.source;

describe("the docs' code samples", () => {
  it("give every operation an SDK call and a curl command for its method and path", () => {
    for (const { path, method, object: op } of operations) {
      expect(sampleOf(op, "Ngorder SDK"), op.operationId).toMatch(/await ngorder\.\w+\.\w+\(/);
      const curl = sampleOf(op, "curl");
      // The URL up to its first path parameter, which the sample fills in.
      expect(curl, op.operationId).toContain(
        `curl -X ${method.toUpperCase()} '${site.servers[0].url}${path.split("{")[0]}`,
      );
      expect(curl, op.operationId).toContain('-H "Authorization: Bearer $NGORDER_TOKEN"');
    }
  });

  it("type-check: every SDK call is a valid call of the generated SDK", () => {
    const bodies = operations.map(({ object: op }, i) => {
      const lines = sampleOf(op, "Ngorder SDK")
        .split("\n")
        .filter((line) => !line.startsWith("import "));
      return `// ${op.operationId}\nexport async function sample${i}() {\n${lines.join("\n")}\n  return result;\n}`;
    });
    const file = join(mkdtempSync(join(tmpdir(), "ngorder-samples-")), "samples.ts");
    writeFileSync(
      file,
      [`import { openAsBlob } from "node:fs";`, `import { createNgorder } from "${ROOT}src/index.ts";`, ...bodies].join(
        "\n\n",
      ),
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: [`${ROOT}node_modules/@types`],
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `line ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(problems).toEqual([]);
  });
});

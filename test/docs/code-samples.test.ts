// The docs' code samples are derived from the spec: every operation has an SDK call and a curl
// command, and every SDK call type-checks against the generated SDK.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { siteModel } from "../../scripts/docs/site-model.ts";
import { withLock } from "../../scripts/lib/build-lock.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { loadBundle } from "../support/spec.ts";

const site = siteModel(loadBundle());
const operations = site.operations.map((o) => ({
  path: o.path,
  method: o.method,
  op: o.operation,
  samples: o.samples,
}));
const sampleOf = (op: { samples: { label: string; source: string }[] }, label: string): string =>
  op.samples.find((s) => s.label === label)!.source;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the docs' code samples", () => {
  it("give every operation an SDK call and a curl command for its method and path", () => {
    for (const operation of operations) {
      const { path, method, op } = operation;
      expect(sampleOf(operation, "Ngorder SDK"), op.operationId).toMatch(/await ngorder\.\w+\.\w+\(/);
      const curl = sampleOf(operation, "curl");
      // The URL up to its first path parameter, which the sample fills in.
      expect(curl, op.operationId).toMatch(
        new RegExp(`^curl -X ${method.toUpperCase()} (-G )?'${escape(site.spec.servers[0].url + path.split("{")[0])}`),
      );
      expect(curl, op.operationId).toContain('-H "Authorization: Bearer $NGORDER_TOKEN"');
    }
  });

  it("type-check: every SDK call is a valid call of the generated SDK", () => {
    const bodies = operations.map((operation, i) => {
      const { op } = operation;
      const lines = sampleOf(operation, "Ngorder SDK")
        .split("\n")
        .filter((line) => !line.startsWith("import "));
      return `// ${op.operationId}\nexport async function sample${i}() {\n${lines.join("\n")}\n  return result;\n}`;
    });
    // A fixed place under build/, so that TypeScript's incremental check (its own file hashes, kept
    // in the .tsbuildinfo) re-checks only what changed since the last run: a full check of the
    // samples against the SDK costs seconds.
    const dir = `${ROOT}build/code-samples`;
    const file = join(dir, "samples.ts");
    const problems = withLock(`${dir}.lock`, () => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        file,
        [
          `import { openAsBlob } from "node:fs";`,
          `import { writeFile } from "node:fs/promises";`,
          `import { createNgorder } from "${ROOT}src/index.ts";`,
          ...bodies,
        ].join("\n\n"),
      );
      const program = ts.createIncrementalProgram({
        rootNames: [file],
        options: {
          strict: true,
          noEmit: true,
          incremental: true,
          tsBuildInfoFile: join(dir, "samples.tsbuildinfo"),
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [`${ROOT}node_modules/@types`],
          lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
        },
      });
      // The builder program's own queries: its semantic diagnostics are the ones kept per file.
      const diagnostics = [
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...program.getSyntacticDiagnostics(),
        ...program.getSemanticDiagnostics(),
      ];
      program.emit(); // with noEmit, writes only the .tsbuildinfo
      return diagnostics.map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `line ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    });
    expect(problems).toEqual([]);
  });

  it("show every required query parameter, and a filter where the operation has only optional ones", () => {
    let withQuery = 0;
    for (const operation of operations) {
      const query = site.operations
        .find((o) => o.operation === operation.op)!
        .parameters.filter((p) => p.in === "query");
      if (!query.length) continue;
      withQuery++;
      const curl = sampleOf(operation, "curl");
      const shown = [...curl.matchAll(/--data-urlencode '([^=[]+)/g)].map((m) => m[1]);
      for (const p of query.filter((q) => q.required)) expect(shown, operation.op.operationId).toContain(p.name);
      expect(shown.length, `${operation.op.operationId} shows no query parameter`).toBeGreaterThan(0);
    }
    expect(withQuery).toBeGreaterThan(50);
    // GET /order has 19 optional filters and no example: the sample shows a date range.
    const listOrders = sampleOf(
      operations.find((o) => o.op.operationId === "listOrders")!,
      "curl",
    );
    expect(listOrders).toMatch(/curl -X GET -G 'https:\/\/api\.smartseller\.co\.id\/api\/open\/order' \\\n/);
    expect(listOrders).toMatch(/--data-urlencode 'start_date=\d{4}-\d\d-\d\d'/);
    expect(listOrders).toMatch(/--data-urlencode 'end_date=\d{4}-\d\d-\d\d'/);
  });

  it("write each download to a named file with its media type's extension, and upload named files", () => {
    const extensions: Record<string, string> = {
      "application/pdf": ".pdf",
      "text/csv": ".csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    };
    const downloads = site.operations.filter((o) => {
      const success = Object.keys(o.operation.responses).find((s) => s.startsWith("2"))!;
      const media = Object.keys(o.operation.responses[success].content ?? {})[0] ?? "application/json";
      if (media === "application/json") return false;
      const curl = o.samples.find((s) => s.label === "curl")!.source;
      const file = /-o '([\w-]+(\.\w+))'$/.exec(curl);
      expect(file?.[2], `${o.id}: ${curl}`).toBe(extensions[media]);
      expect(o.samples.find((s) => s.label === "Ngorder SDK")!.source).toContain(`await writeFile("${file![1]}", `);
      return true;
    });
    expect(downloads.length).toBeGreaterThan(5);
    const logo = site.operations.find((o) => o.id === "uploadShopLogo")!;
    expect(logo.samples.find((s) => s.label === "curl")!.source).toContain("-F 'logo=@./logo.png;type=image/png'");
    expect(logo.samples.find((s) => s.label === "Ngorder SDK")!.source).toContain(
      'logo: await openAsBlob("./logo.png", { type: "image/png" })',
    );
    const stockOpname = site.operations.find((o) => o.id === "importStockOpname")!;
    expect(stockOpname.samples.find((s) => s.label === "curl")!.source).toMatch(/-F 'file=@\.\/[\w-]+\.xlsx;type=/);
  });
});

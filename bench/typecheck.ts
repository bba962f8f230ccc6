// Prints how long tsc takes to type-check a consumer that calls every operation twice: through the
// SDK (`ngorder.warehouses.get({ id: 7 })`) and through the path client (`client.GET(...)`), with
// argument literals built from the spec. A consumer that only imports the client is the baseline.
// Usage: npm run bench:typecheck
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleBody, sdkParams, tsLiteral } from "../scripts/lib/code-samples.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { loadSpec } from "../src/spec/document.ts";
import { specModel } from "../src/spec/model.ts";
import { planRequest } from "../src/spec/request-plan.ts";

const model = specModel(loadSpec(`${ROOT}generated/openapi.json`));

/** Two calls per operation, with the planned request's values (the docs samples' values). */
function calls(): string[] {
  const lines: string[] = [];
  for (const operation of model.operations) {
    const request = planRequest(model, operation);
    const params = sdkParams(operation, request);
    const args = Object.keys(params).length ? tsLiteral(params) : "";
    lines.push(`  await ngorder.${operation.sdk.namespace}.${operation.sdk.method}(${args});`);
    const placed = (names: string[]) =>
      Object.fromEntries(names.filter((n) => n in request.values).map((n) => [n, request.values[n]]));
    const path = placed(operation.pathParameters.map((p) => p.name));
    const query = placed(operation.queryParameters.map((p) => p.name));
    const init = {
      ...(Object.keys(path).length || Object.keys(query).length
        ? { params: { ...(Object.keys(path).length ? { path } : {}), ...(Object.keys(query).length ? { query } : {}) } }
        : {}),
      ...(request.body ? { body: sampleBody(operation, request) } : {}),
    };
    const initText = Object.keys(init).length ? `, ${tsLiteral(init)}` : "";
    lines.push(`  await client.${operation.method.toUpperCase()}(${JSON.stringify(operation.path)}${initText});`);
  }
  return lines;
}

function typecheck(dir: string, source: string): { wallMs: number; checkS: string; errors: string } {
  writeFileSync(join(dir, "consumer.ts"), source);
  const started = performance.now();
  const run = spawnSync(`${ROOT}node_modules/.bin/tsc`, ["-p", dir, "--extendedDiagnostics"], { encoding: "utf8" });
  const wallMs = performance.now() - started;
  const checkS = /Check time:\s+([\d.]+s)/.exec(run.stdout)?.[1] ?? "?";
  return {
    wallMs,
    checkS,
    errors:
      run.status === 0
        ? ""
        : run.stdout
            .split("\n")
            .filter((l) => /error TS/.test(l))
            .slice(0, 20)
            .join("\n"),
  };
}

const dir = mkdtempSync(join(tmpdir(), "ngorder-typecheck-"));
try {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        lib: ["ES2022", "DOM"],
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
      },
      files: ["consumer.ts"],
    }),
  );
  const header = `import { openAsBlob } from "node:fs";\nimport { createNgorder, createNgorderClient } from ${JSON.stringify(`${ROOT}src/index.ts`)};\nconst options = { token: "t" };\nexport const ngorder = createNgorder(options);\nexport const client = createNgorderClient(options);\n`;
  const body = calls();
  const baseline = typecheck(dir, header);
  const full = typecheck(
    dir,
    `${header}\nexport async function callEverything(): Promise<void> {\n${body.join("\n")}\n}\n`,
  );
  if (full.errors || baseline.errors) {
    console.error(`the consumer does not type-check:\n${full.errors || baseline.errors}`);
    process.exitCode = 1;
  }
  const operations = body.length / 2;
  console.log(
    `tsc ${JSON.parse(readFileSync(`${ROOT}node_modules/typescript/package.json`, "utf8")).version}, --noEmit, strict, skipLibCheck\n`,
  );
  console.log("consumer                                                wall      tsc check time");
  console.log(
    `imports the client only (baseline)                  ${(baseline.wallMs / 1000).toFixed(2).padStart(6)} s    ${baseline.checkS}`,
  );
  console.log(
    `calls all ${operations} operations via the SDK and client.*   ${(full.wallMs / 1000).toFixed(2).padStart(6)} s    ${full.checkS}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Prints how long tsc takes to type-check a consumer that calls every operation twice: through the
// SDK (`ngorder.warehouses.get({ id: 7 })`) and through the path client (`client.GET(...)`), with
// argument literals built from the spec. A consumer that only imports the client is the baseline.
// Usage: npm run bench:typecheck
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { methodNames } from "../scripts/generate-sdk.ts";
import { createNgorder } from "../src/index.ts";
import type { SdkMethod } from "../src/operation.ts";
import { ROOT } from "../scripts/lib/paths.ts";

type Json = Record<string, any>;
const doc: Json = JSON.parse(readFileSync(`${ROOT}generated/openapi.json`, "utf8"));
const resolve = (node: Json | undefined): Json | undefined =>
  node?.$ref
    ? resolve(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((at: Json, key: string) => at[key], doc),
      )
    : node;

/** Properties and required names of an object schema, its allOf parts included (if/then left out). */
function objectShape(s: Json): { properties: Json; required: string[] } {
  const shape = { properties: { ...s.properties }, required: [...(s.required ?? [])] };
  for (const part of (s.allOf ?? []).map(resolve)) {
    if (part.if) continue;
    const inner = objectShape(part);
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required);
  }
  return shape;
}

/** A literal of the schema's type, as a caller would write it: required members only. */
function literal(schema: Json | undefined): string {
  const s = resolve(schema) ?? {};
  if (s.oneOf || s.anyOf) return literal((s.oneOf ?? s.anyOf)[0]);
  if (s.enum) return JSON.stringify(s.enum.find((v: unknown) => v !== null));
  if (s.const !== undefined) return JSON.stringify(s.const);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  if (type === "integer" || type === "number") return "7";
  if (type === "boolean") return "true";
  if (type === "array") return `[${literal(s.items)}]`;
  if (type === "string") return s.format === "binary" ? "new Blob([])" : s.format === "date" ? '"2024-01-31"' : '"s"';
  if (type === "object" || s.properties || s.allOf) {
    const { properties, required } = objectShape(s);
    return `{ ${[...new Set(required)].map((name) => `${JSON.stringify(name)}: ${literal(properties[name] ?? s.additionalProperties)}`).join(", ")} }`;
  }
  return "undefined";
}

function calls(): string[] {
  const lines: string[] = [];
  const byTag = new Map<string, { path: string; method: string; op: Json }[]>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      if (item[method])
        byTag.set(item[method].tags[0], [
          ...(byTag.get(item[method].tags[0]) ?? []),
          { path, method, op: item[method] },
        ]);
    }
  }
  for (const tag of doc.tags as Json[]) {
    const ops = byTag.get(tag.name) ?? [];
    const names = methodNames(
      tag["x-sdk-name"],
      tag.name,
      ops.map((o) => o.op.operationId),
    );
    for (const { path, method, op } of ops) {
      const parameters: Json[] = (op.parameters ?? []).map(resolve);
      const pick = (place: string) => parameters.filter((p) => p.in === place && (place === "path" || p.required));
      const fields = (list: Json[]) => list.map((p) => `${JSON.stringify(p.name)}: ${literal(p.schema)}`);
      const media = Object.values<Json>(resolve(op.requestBody)?.content ?? {})[0];
      const body = media ? literal(media.schema) : undefined;
      const sdkBody = !body
        ? []
        : bodyPlacement.get(op.operationId) === "flat"
          ? [body.replace(/^\{\s*|\s*\}$/g, "")].filter(Boolean)
          : [`body: ${body}`];
      lines.push(
        `  await ngorder.${tag["x-sdk-name"]}.${names.get(op.operationId)}({ ${[...fields(pick("path")), ...fields(pick("query")), ...sdkBody].join(", ")} });`,
      );
      const params = [
        ["path", pick("path")],
        ["query", pick("query")],
      ]
        .filter(([, list]) => (list as Json[]).length)
        .map(([place, list]) => `${place}: { ${fields(list as Json[]).join(", ")} }`);
      const init = [params.length ? `params: { ${params.join(", ")} }` : "", body ? `body: ${body}` : ""]
        .filter(Boolean)
        .join(", ");
      lines.push(`  await client.${method.toUpperCase()}(${JSON.stringify(path)}${init ? `, { ${init} }` : ""});`);
    }
  }
  return lines;
}

/** Where each SDK method takes its body: beside the parameters, or under `body`. */
const bodyPlacement = new Map(
  Object.values(createNgorder({ token: "t" }) as unknown as Record<string, Record<string, SdkMethod>>)
    .flatMap((namespace) => Object.values(namespace))
    .map((method) => [method.operationId, method.body]),
);

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
        types: [],
      },
      files: ["consumer.ts"],
    }),
  );
  const header = `import { createNgorder, createNgorderClient } from ${JSON.stringify(`${ROOT}src/index.ts`)};\nconst options = { token: "t" };\nexport const ngorder = createNgorder(options);\nexport const client = createNgorderClient(options);\n`;
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

// The npm package as users get it: `npm pack` of dist/ (built and packed once per change of what it
// packs: scripts/build-package.ts), installed once into a fresh consumer project that these tests
// share: its files and dependencies,
// the bins without their optional peers, then a client consumer and the README's mock example
// type-checked against the installed types (a wrong parameter must be a type error) and run, and
// the `ngorder-mock` bin.
import { execFile, spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../support/fault-server.ts";
import { transformSync } from "esbuild";
import { ensurePacked } from "../../scripts/build-package.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

const WAREHOUSES = [
  { id: 22, warehouse: "Warehouse Bandung", supplier_id: 23518, address: "Bandung Kulon, Kota Bandung" },
  { id: 30, warehouse: "Toko Utama", supplier_id: 23519, address: "Srono, Kabupaten Banyuwangi" },
];

const CONSUMER = `
import { createNgorder, createNgorderClient, NgorderError, paginate } from "ngorder-openapi";
import type { components } from "ngorder-openapi/types";
import spec from "ngorder-openapi/openapi.json" with { type: "json" };

const baseUrl = process.argv[2]!;
const ngorder = createNgorder({ token: "consumer-token", baseUrl, retry: false });
const client = createNgorderClient({ token: "consumer-token", baseUrl, language: "id" });

const list = await ngorder.warehouses.list({ with_main_warehouse: true });
const first: components["schemas"]["Warehouse"] | undefined = list.data[0];
const detail = await client.GET("/warehouse/{id}", { params: { path: { id: 30 } } });
const created = await ngorder.warehouses.create({ warehouse: "Warehouse Jakarta", supplier_id: 23518, user_id: [7], is_active: true });
let failure: unknown;
try {
  await ngorder.warehouses.get({ id: 99 });
} catch (error) {
  failure = error;
}

function neverCalled() {
  // @ts-expect-error the warehouse id is an integer
  void client.GET("/warehouse/{id}", { params: { path: { id: "30" } } });
  // @ts-expect-error createWarehouse requires supplier_id
  void ngorder.warehouses.create({ warehouse: "X", user_id: [], is_active: true });
  // @ts-expect-error Get Warehouses is not paginated
  void paginate(ngorder.warehouses.list);
}
void neverCalled;

console.log(JSON.stringify({
  first: first?.warehouse,
  detail: detail.data?.data.warehouse,
  created: created.data.name,
  failure: failure instanceof NgorderError ? [failure.kind, failure.status, failure.operation] : String(failure),
  operations: Object.keys(spec.paths).length > 0,
}));
`;

/** The README's mock example: the TypeScript block of its "The mock API" section, as written. */
function readmeMockExample(): { code: string; printed: string[] } {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("\n## The mock API\n"),
    readme.indexOf("\n## ", readme.indexOf("\n## The mock API\n") + 1),
  );
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code?.includes("startMock"))
    throw new Error("README.md: the mock section has no TypeScript example with startMock");
  return { code, printed: [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]!) };
}

/** Runs a compiled consumer file with node, from this process's event loop (a local server may answer it). */
function runNode(cwd: string, args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { cwd }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

let server: FaultServer;
let work: string;
let consumer: string;
let installed: string;
let packedFiles: string[];

function sh(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  expect(result.status, `${command} ${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return String(result.stdout);
}

/** The bare module names reachable from an ESM file through its relative imports. */
function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const bare = new Set<string>();
  if (seen.has(file)) return bare;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(
    /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g,
  )) {
    if (specifier!.startsWith("."))
      for (const name of bareImports(join(dirname(file), specifier!), seen)) bare.add(name);
    else bare.add(specifier!);
  }
  return bare;
}

beforeAll(async () => {
  server = await startFaultServer({
    fallback: ({ method, path }) => {
      if (method === "GET" && path === "/api/open/warehouse") return { status: 200, json: { data: WAREHOUSES } };
      if (method === "GET" && path === "/api/open/warehouse/30")
        return { status: 200, json: { response: "Sukses", data: WAREHOUSES[1] } };
      if (method === "POST" && path === "/api/open/warehouse")
        return { status: 200, json: { response: "Success", data: { id: 23, name: "Warehouse Jakarta" } } };
      return { status: 404, json: { response: "Failed", message: "Data not found", data: null } };
    },
  });
  work = mkdtempSync(join(tmpdir(), "ngorder-consumer-"));
  const packed = ensurePacked();
  packedFiles = packed.files;
  consumer = join(work, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", packed.tarball], { cwd: consumer });
  installed = join(consumer, "node_modules", "ngorder-openapi");
});

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds dist/ and package.json, and no source", () => {
    expect(packedFiles.filter((f) => !f.startsWith("dist/"))).toEqual(expect.arrayContaining(["package.json"]));
    expect(
      packedFiles.filter(
        (f) => /^(src|test|scripts|spec|bench)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")),
      ),
    ).toEqual([]);
  });

  it("installs openapi-fetch (and what it depends on) and nothing else: Ajv is an optional peer", () => {
    expect([...bareImports(join(installed, "dist/src/index.js"))]).toEqual(["openapi-fetch"]);
    const fetchDeps = Object.keys(
      JSON.parse(readFileSync(join(consumer, "node_modules/openapi-fetch/package.json"), "utf8")).dependencies ?? {},
    );
    expect(
      readdirSync(join(consumer, "node_modules"))
        .filter((d) => !d.startsWith("."))
        .sort(),
    ).toEqual(["ngorder-openapi", "openapi-fetch", ...fetchDeps].sort());
  });

  it("has bins that, without their peers, say what to install in one line", () => {
    const needs = {
      "ngorder-contract": "ajv@^8 ajv-formats@^3 @streamparser/json@^0.0.26",
      "ngorder-mock": "ajv@^8 ajv-formats@^3",
    };
    for (const [name, peers] of Object.entries(needs)) {
      const withoutPeers = spawnSync(join(consumer, "node_modules/.bin", name), ["x.har"], {
        cwd: consumer,
        encoding: "utf8",
      });
      expect({ status: withoutPeers.status, stderr: withoutPeers.stderr }).toEqual({
        status: 2,
        stderr: `${name}: needs its optional peer dependencies: npm install ${peers}\n`,
      });
    }
  });

  it("type-checks a client consumer and the README's mock example, and runs both", async () => {
    // With the peers, the mock entry loads Ajv and Node's own modules, nothing else.
    const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).devDependencies;
    sh(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", `ajv@${own.ajv}`, `ajv-formats@${own["ajv-formats"]}`],
      { cwd: consumer },
    );
    // The client consumer and the README's mock example, as written, type-checked together.
    const example = readmeMockExample();
    expect(example.printed.length).toBeGreaterThan(3);
    writeFileSync(join(consumer, "consumer.ts"), CONSUMER);
    writeFileSync(join(consumer, "mock-example.ts"), example.code);
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          lib: ["ES2022", "DOM"],
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
          resolveJsonModule: true,
          // The installed .d.ts files are checked (skipLibCheck is off); TypeScript's own lib files are not ours.
          skipDefaultLibCheck: true,
          noEmit: true,
          incremental: true,
          tsBuildInfoFile: "check.tsbuildinfo",
        },
        files: ["consumer.ts", "mock-example.ts"],
      }),
    );
    // TypeScript's incremental check re-checks only what changed since the last run (the
    // .tsbuildinfo, kept in build/, holds each file's hash and its diagnostics): a full check of the
    // installed declarations costs about 8 s of CPU. The JavaScript run below is the same code with
    // its types removed (esbuild), as tsc would emit it.
    const kept = `${ROOT}build/consumer-check.tsbuildinfo`;
    if (existsSync(kept)) copyFileSync(kept, join(consumer, "check.tsbuildinfo"));
    sh(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: consumer });
    mkdirSync(dirname(kept), { recursive: true });
    copyFileSync(join(consumer, "check.tsbuildinfo"), kept);
    mkdirSync(join(consumer, "out"));
    for (const name of ["consumer", "mock-example"]) {
      const source = readFileSync(join(consumer, `${name}.ts`), "utf8");
      const { code } = transformSync(source, { loader: "ts", format: "esm", target: "esnext" });
      writeFileSync(join(consumer, "out", `${name}.js`), code);
    }

    // Not spawnSync: the local server answers from this process's event loop.
    const output = await runNode(consumer, ["out/consumer.js", `${server.url}/api/open`]);
    expect(JSON.parse(output)).toEqual({
      first: "Warehouse Bandung",
      detail: "Toko Utama",
      created: "Warehouse Jakarta",
      failure: ["http", 404, "getWarehouse"],
      operations: true,
    });
    const seen = server.requests.map(
      (r) => `${r.method} ${r.url} ${r.headers["accept-language"]} ${r.headers.authorization}`,
    );
    expect(seen).toEqual([
      "GET /api/open/warehouse?with_main_warehouse=true en Bearer consumer-token",
      "GET /api/open/warehouse/30 id Bearer consumer-token",
      "POST /api/open/warehouse en Bearer consumer-token",
      "GET /api/open/warehouse/99 en Bearer consumer-token",
    ]);

    // The README's example prints what its `// →` comments say, against the mock from the package.
    const printed = await runNode(consumer, ["out/mock-example.js"]);
    expect(printed.trimEnd().split("\n")).toEqual(example.printed);
  });

  it("serves the mock from the ngorder-mock bin until SIGTERM, and says a busy port is busy", async () => {
    // The bin: a busy port is one line; otherwise it serves until SIGTERM.
    const mockBin = join(consumer, "node_modules/.bin/ngorder-mock");
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const busyPort = String((busy.address() as { port: number }).port);
    const refused = spawnSync(mockBin, ["--port", busyPort], { cwd: consumer, encoding: "utf8" });
    busy.close();
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({
      status: 1,
      stderr: `ngorder-mock: port ${busyPort} on 127.0.0.1 is in use: choose another, or 0 for a free one\n`,
    });
    const serving = spawn(mockBin, ["--port", "0"], { cwd: consumer });
    let out = "";
    serving.stdout.on("data", (chunk) => (out += chunk));
    while (!/mock API: \S+/.test(out)) await once(serving.stdout, "data");
    const url = /mock API: (\S+)/.exec(out)![1]!;
    const answer = await fetch(`${url}/warehouse/22`, { headers: { authorization: "Bearer any", prefer: "code=404" } });
    expect(answer.status).toBe(404);
    serving.kill("SIGTERM");
    const [code] = await once(serving, "exit");
    expect(code).toBe(0);
    expect(out).toContain("GET /api/open/warehouse/22 → 404 getWarehouse");
  });
});

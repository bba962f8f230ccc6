// Prints, measured side by side in one run against the same local server (a child process on
// 127.0.0.1): the median time per call of the Ngorder client against raw fetch, and the size of the
// client runtime minified and gzipped. Usage: npm run bench:client [-- rounds]
//
// Every candidate fetches GET /warehouse/{id} with the same bearer token and Accept-Language and
// parses the JSON answer; raw fetch builds its URL per call as a caller would. The candidates take
// turns call by call, so drift on the machine touches them alike.
import { fork } from "node:child_process";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.d.ts";
import { createNgorder, createNgorderClient } from "../src/index.ts";
import { startFaultServer } from "../test/support/fault-server.ts";
import { fileURLToPath } from "node:url";
import { ROOT } from "../scripts/lib/paths.ts";

const WAREHOUSE = {
  response: "Success",
  data: { id: 22, warehouse: "Warehouse Bandung", supplier_id: 23518, address: "Bandung Kulon, Kota Bandung" },
};
const TOKEN = "bench-token-0123456789abcdef";

if (process.argv[2] === "serve") {
  const server = await startFaultServer({ record: false, fallback: () => ({ status: 200, json: WAREHOUSE }) });
  process.send!(server.url);
  process.on("disconnect", () => void server.close());
} else {
  await main(Number(process.argv[2] ?? 4000));
}

async function measureCalls(rounds: number): Promise<Map<string, number>> {
  const child = fork(fileURLToPath(import.meta.url), ["serve"], { stdio: "inherit" });
  const origin = await new Promise<string>((resolve) => child.once("message", (url) => resolve(String(url))));
  const baseUrl = `${origin}/api/open`;
  const headers = { Authorization: `Bearer ${TOKEN}`, "Accept-Language": "en" };
  const id = 22;

  // Armed as shipped: auth, language, a 30 s timeout, 2 retries for GET.
  const client = createNgorderClient({
    token: TOKEN,
    baseUrl,
    language: "en",
    timeoutMs: 30_000,
    retry: { retries: 2 },
  });
  const ngorder = createNgorder({ token: TOKEN, baseUrl, language: "en", timeoutMs: 30_000, retry: { retries: 2 } });
  const stock = createClient<paths>({ baseUrl });
  stock.use({ onRequest: ({ request }) => void request.headers.set("Authorization", headers.Authorization) });

  const candidates: Record<string, () => Promise<unknown>> = {
    "raw fetch": async () => (await fetch(`${baseUrl}/warehouse/${id}`, { headers })).json(),
    "ngorder client.GET": () => client.GET("/warehouse/{id}", { params: { path: { id } } }),
    "ngorder SDK warehouses.get": () => ngorder.warehouses.get({ id }),
    "ref: openapi-fetch + 1 header middleware": () =>
      stock.GET("/warehouse/{id}", { params: { path: { id }, header: { "Accept-Language": "en" } } }),
    "ref: raw fetch + AbortSignal.timeout": async () =>
      (await fetch(`${baseUrl}/warehouse/${id}`, { headers, signal: AbortSignal.timeout(30_000) })).json(),
  };
  const names = Object.keys(candidates);
  const samples = names.map(() => [] as number[]);
  for (let round = 0; round < rounds + 300; round++) {
    for (let k = 0; k < names.length; k++) {
      const start = performance.now();
      await candidates[names[k]!]!();
      if (round >= 300) samples[k]!.push(performance.now() - start);
    }
  }
  child.disconnect();
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]! * 1000;
  return new Map(names.map((name, k) => [name, median(samples[k]!)]));
}

async function gzippedSize(contents: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

async function main(rounds: number): Promise<void> {
  console.log(`Node ${process.version}, ${rounds} calls per candidate after 300 warm-up calls, interleaved\n`);
  const times = await measureCalls(rounds);
  const raw = times.get("raw fetch")!;
  console.log("median per call                              µs    × raw fetch");
  for (const [name, us] of times)
    console.log(`${name.padEnd(42)} ${us.toFixed(1).padStart(6)}    ${(us / raw).toFixed(3)}`);

  const runtime = await gzippedSize(
    `export { createNgorderClient, NgorderError, paginate, pages } from "./src/index.ts";`,
  );
  const withSdk = await gzippedSize(
    `export { createNgorder, createNgorderClient, NgorderError, paginate, pages } from "./src/index.ts";`,
  );
  console.log("\nsize, esbuild --minify, gzip -9                 minified   gzipped");
  console.log(
    `runtime (src/ + openapi-fetch)                 ${String(runtime.minified).padStart(8)}   ${String(runtime.gzipped).padStart(7)} B`,
  );
  console.log(
    `runtime + generated SDK (every operation)      ${String(withSdk.minified).padStart(8)}   ${String(withSdk.gzipped).padStart(7)} B`,
  );
}

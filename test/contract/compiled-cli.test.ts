// The bin works as shipped: src/contract compiled by tsc to plain ESM JavaScript runs on Node
// without tsx (CommonJS interop with Ajv, `.js` import specifiers), finding the bundled spec
// (generated/openapi.json) above its own directory as it does inside the installed package.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = `${ROOT}build/compiled-contract-test`;

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  const tsc = spawnSync(
    `${ROOT}node_modules/.bin/tsc`,
    ["--rootDir", "src", "--outDir", OUT, "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--strict", "--skipLibCheck", "--types", "node", "src/contract/cli.ts", "src/contract/record-cli.ts", "src/contract/index.ts"],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
});

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe("the compiled bins", () => {
  it("ngorder-contract checks recordings against the bundled spec", () => {
    const run = spawnSync(process.execPath, [`${OUT}/contract/cli.js`, "test/recordings/vendor-doc/warehouse.har"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: 5 entries of 1 file\(s\) conform to .*\/generated\/openapi\.json$/m);
  });

  it("ngorder-record starts and explains itself", () => {
    const run = spawnSync(process.execPath, [`${OUT}/contract/record-cli.js`, "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Usage: NGORDER_TOKEN=... ngorder-record");
  });
});

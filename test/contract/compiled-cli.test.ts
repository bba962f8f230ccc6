// The bin works as shipped: src/contract compiled by tsc to plain ESM JavaScript runs on Node
// without tsx (CommonJS interop with Ajv, `.ts` specifiers rewritten to `.js`), finding the bundled spec
// (generated/openapi.json) above its own directory as it does inside the installed package.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/paths.ts";

const OUT = `${ROOT}build/compiled-contract-test`;

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  // The package's own build settings (tsconfig.build.json), into a directory of this test's own.
  const tsc = spawnSync(`${ROOT}node_modules/.bin/tsc`, ["-p", "tsconfig.build.json", "--outDir", OUT], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
});

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe("the compiled bins", () => {
  it("ngorder-contract checks recordings against the bundled spec", () => {
    const run = spawnSync(
      process.execPath,
      [`${OUT}/src/contract/cli.js`, "test/recordings/vendor-doc/warehouse.har"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: 5 entries of 1 file\(s\) conform to .*\/generated\/openapi\.json$/m);
  });

  it("ngorder-record starts and explains itself", () => {
    const run = spawnSync(process.execPath, [`${OUT}/src/contract/record-cli.js`, "--help"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Usage: NGORDER_TOKEN=... ngorder-record");
  });
});

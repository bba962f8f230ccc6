// The bins work as shipped: src/contract compiled by tsc (the package's dist/, built once and shared,
// see scripts/build-package.ts) runs on Node without tsx (CommonJS interop with Ajv, `.ts` specifiers
// rewritten to `.js`), finding the bundled spec (generated/openapi.json) above its own directory as
// it does inside the installed package. The other tests run the same commands in process
// (test/support/run-cli.ts); this is the one run of each compiled bin.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { ensurePackage } from "../../scripts/build-package.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

let dist: string;
beforeAll(() => {
  dist = ensurePackage();
});

describe("the compiled bins", () => {
  it("ngorder-contract checks recordings against the bundled spec, on its worker threads too", () => {
    const run = spawnSync(
      process.execPath,
      [`${dist}/src/contract/cli.js`, "--jobs", "2", "test/recordings/vendor-doc/warehouse.har"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: 5 entries of 1 file\(s\) conform to .*\/dist\/generated\/openapi\.json$/m);
  });

  it("ngorder-record starts and explains itself", () => {
    const run = spawnSync(process.execPath, [`${dist}/src/contract/record-cli.js`, "--help"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Usage: NGORDER_TOKEN=... ngorder-record");
  });
});

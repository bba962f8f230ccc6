// Builds the npm package into dist/ (run by `npm pack` and `npm publish` through prepack):
// tsc compiles src/ and generated/sdk.ts to ESM with .d.ts, and the bundled spec and its types are
// copied beside the SDK, where the compiled imports and the contract checker look for them.
// `ensurePackage()` reuses dist/ while its inputs are unchanged (the tests of the compiled bins and
// of the installed package share one build; `npm ci` has usually made it already, through prepare).
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { ensureBuilt, stampBuilt, type CachedBuild } from "./lib/build-cache.ts";
import { run } from "./lib/run.ts";
import { isMain, ROOT } from "./lib/paths.ts";

export const DIST_DIR = `${ROOT}dist`;

/** What dist/ is built from; the hash is kept outside dist/, which is packed whole. */
const PACKAGE: CachedBuild = {
  output: DIST_DIR,
  inputs: ["src", "generated", "tsconfig.json", "tsconfig.build.json", "package-lock.json"],
  stamp: `${ROOT}build/dist.inputs-sha256`,
};

export function buildPackage(): void {
  rmSync(DIST_DIR, { recursive: true, force: true });
  run("tsc", ["-p", "tsconfig.build.json"]);
  mkdirSync(`${DIST_DIR}/generated`, { recursive: true });
  for (const file of ["schema.d.ts", "openapi.json"])
    copyFileSync(`${ROOT}generated/${file}`, `${DIST_DIR}/generated/${file}`);
  stampBuilt(PACKAGE);
}

/** dist/, built first only when its inputs changed since the last build. */
export function ensurePackage(): string {
  ensureBuilt(PACKAGE, `${ROOT}build/dist.lock`, buildPackage);
  return DIST_DIR;
}

if (isMain(import.meta.url)) {
  buildPackage();
  console.log("built dist/");
}

// Builds the npm package into dist/ (run by `npm pack` and `npm publish` through prepack):
// tsc compiles src/ and generated/sdk.ts to ESM with .d.ts, and the bundled spec and its types are
// copied beside the SDK, where the compiled imports and the contract checker look for them.
// `ensurePackage()` reuses dist/ while its inputs are unchanged (the tests of the compiled bins and
// of the installed package share one build; `npm ci` has usually made it already, through prepare),
// and `ensurePacked()` reuses its `npm pack` tarball likewise.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

const PACKED_DIR = `${ROOT}build/package`;

/** What `npm pack` puts in the tarball: dist/ and the files npm always adds. */
const PACKED: CachedBuild = {
  output: `${PACKED_DIR}/pack.json`,
  inputs: ["dist", "package.json", "README.md", "CHANGELOG.md"],
  stamp: `${ROOT}build/package.inputs-sha256`,
};

/** The `npm pack` tarball of dist/ (in build/package/), packed again only when what it packs changed, and its files. */
export function ensurePacked(): { tarball: string; files: string[] } {
  ensurePackage();
  ensureBuilt(PACKED, `${ROOT}build/package.lock`, () => {
    rmSync(PACKED_DIR, { recursive: true, force: true });
    mkdirSync(PACKED_DIR, { recursive: true });
    // --ignore-scripts: `prepare` would build dist/ again, which ensurePackage has just made current.
    const pack = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", PACKED_DIR], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (pack.status !== 0) throw new Error(`npm pack exited ${pack.status}\n${pack.stderr}`);
    writeFileSync(PACKED.output, pack.stdout.slice(pack.stdout.indexOf("[")));
    stampBuilt(PACKED);
  });
  const [packed] = JSON.parse(readFileSync(PACKED.output, "utf8")) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(PACKED_DIR, packed!.filename), files: packed!.files.map((f) => f.path) };
}

if (isMain(import.meta.url)) {
  buildPackage();
  console.log("built dist/");
}

// Builds the npm package into dist/ (run by `npm pack` and `npm publish` through prepack):
// tsc compiles src/ and generated/sdk.ts to ESM with .d.ts, and the bundled spec and its types are
// copied beside the SDK, where the compiled imports and the contract checker look for them.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { run } from "./lib/run.ts";
import { isMain, ROOT } from "./lib/paths.ts";

export function buildPackage(): void {
  rmSync(`${ROOT}dist`, { recursive: true, force: true });
  run("tsc", ["-p", "tsconfig.build.json"]);
  mkdirSync(`${ROOT}dist/generated`, { recursive: true });
  for (const file of ["schema.d.ts", "openapi.json"])
    copyFileSync(`${ROOT}generated/${file}`, `${ROOT}dist/generated/${file}`);
}

if (isMain(import.meta.url)) {
  buildPackage();
  console.log("built dist/");
}

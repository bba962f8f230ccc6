// Bundles the split source (spec/) into generated/openapi.yaml and generated/openapi.json.
// Usage: tsx scripts/bundle.ts [root.yaml] [outDir]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { parse } from "yaml";
import { run } from "./lib/run.ts";
import { isMain, ROOT } from "./lib/paths.ts";

export function bundle(root = "spec/openapi.yaml", outDir = `${ROOT}generated`): void {
  mkdirSync(outDir, { recursive: true });
  const yamlPath = `${outDir}/openapi.yaml`;
  run("redocly", ["bundle", root, "-o", yamlPath]);
  const doc = parse(readFileSync(yamlPath, "utf8"));
  writeFileSync(`${outDir}/openapi.json`, `${JSON.stringify(doc, null, 2)}\n`);
}

if (isMain(import.meta.url)) {
  bundle(process.argv[2], process.argv[3]);
  console.log("bundled generated/openapi.yaml and generated/openapi.json");
}

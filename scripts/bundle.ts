// Bundles the split source (spec/) into generated/openapi.yaml and generated/openapi.json, and
// opens the description of every inferred endpoint with its warning, rendered from the
// operation's `x-endpoint-inferred` (written once, beside the operation): every reader of the
// bundle — our docs and SDK, other teams' generators — sees it first.
// Usage: tsx scripts/bundle.ts [root.yaml] [outDir]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { parse, stringify } from "yaml";
import { specModel, type EndpointInferred } from "../src/spec/model.ts";
import type { Json } from "../src/spec/document.ts";
import { isMain, ROOT } from "./lib/paths.ts";
import { run } from "./lib/run.ts";

/** One paragraph: what the doc prints, what the spec says instead, how sure we are and why. */
export function inferredWarning(method: string, path: string, inferred: EndpointInferred): string {
  return (
    `> ⚠️ **Inferred endpoint** (confidence: ${inferred.confidence}). The vendor doc prints ` +
    `\`${inferred.printed}\`; this description uses \`${method.toUpperCase()} ${path}\`. ` +
    `${inferred.evidence.trim().replace(/\s*\n\s*/g, " ")}`
  );
}

export function warnInferredEndpoints(doc: Json): void {
  for (const { method, path, object, inferred } of specModel(doc).operations) {
    if (!inferred) continue;
    const warning = inferredWarning(method, path, inferred);
    object.description = object.description ? `${warning}\n\n${object.description}` : warning;
  }
}

export function bundle(root = "spec/openapi.yaml", outDir = `${ROOT}generated`): void {
  mkdirSync(outDir, { recursive: true });
  const yamlPath = `${outDir}/openapi.yaml`;
  run("redocly", ["bundle", root, "-o", yamlPath]);
  const doc = parse(readFileSync(yamlPath, "utf8"));
  warnInferredEndpoints(doc);
  writeFileSync(yamlPath, stringify(doc, { lineWidth: 0 }));
  writeFileSync(`${outDir}/openapi.json`, `${JSON.stringify(doc, null, 2)}\n`);
}

if (isMain(import.meta.url)) {
  bundle(process.argv[2], process.argv[3]);
  console.log("bundled generated/openapi.yaml and generated/openapi.json");
}

// Bundles the split source (spec/) into generated/openapi.yaml and generated/openapi.json, and
// opens the description of every inferred endpoint with its warning, rendered from the
// operation's `x-endpoint-inferred` (written once, beside the operation): every reader of the
// bundle — our docs and SDK, other teams' generators — sees it first.
// Usage: tsx scripts/bundle.ts [root.yaml] [outDir]
import { stringify } from "yaml";
import { specModel, type EndpointInferred } from "../src/spec/model.ts";
import type { Json } from "../src/spec/document.ts";
import { isMain, ROOT } from "./lib/paths.ts";
import { run } from "./lib/run.ts";
import { writeIfChanged } from "./lib/write-if-changed.ts";

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

/** The bundled document of the source `root`, with the inferred endpoints' warnings. */
export function bundleDocument(root = "spec/openapi.yaml"): Json {
  // JSON, not YAML: the same document, and parsing it takes a fraction of the time.
  const doc = JSON.parse(run("redocly", ["bundle", root, "--ext", "json"]).stdout) as Json;
  warnInferredEndpoints(doc);
  return doc;
}

/** Bundles `root` into `outDir`/openapi.{yaml,json} (each written only when it changes) and returns the document. */
export function bundle(root = "spec/openapi.yaml", outDir = `${ROOT}generated`): Json {
  const doc = bundleDocument(root);
  writeIfChanged(`${outDir}/openapi.yaml`, stringify(doc, { lineWidth: 0 }));
  writeIfChanged(`${outDir}/openapi.json`, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

if (isMain(import.meta.url)) {
  bundle(process.argv[2], process.argv[3]);
  console.log("bundled generated/openapi.yaml and generated/openapi.json");
}

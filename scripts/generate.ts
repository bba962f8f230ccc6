// Writes every generated file from spec/: the bundle, the types, the defects ledger and the
// vendor-doc recordings.
import { buildRecordings } from "./build-recordings.ts";
import { bundle } from "./bundle.ts";
import { generateDefects } from "./generate-defects.ts";
import { generateSdk } from "./generate-sdk.ts";
import { generateTypes } from "./generate-types.ts";
import { isMain, ROOT } from "./lib/paths.ts";
import { loadSpec } from "../src/spec/document.ts";

export async function generateAll(): Promise<void> {
  bundle();
  const doc = loadSpec(`${ROOT}generated/openapi.json`);
  await generateTypes(doc);
  generateSdk(doc);
  generateDefects(doc);
  buildRecordings(doc);
}

if (isMain(import.meta.url)) {
  await generateAll();
  console.log(
    "generated: generated/openapi.{yaml,json}, generated/schema.d.ts, generated/sdk.ts, DOC-DEFECTS.md, test/recordings/vendor-doc/*.har",
  );
}

// Builds the static, offline docs site into build/docs/ from the bundle:
// code samples (curl and the SDK) derived from the spec, the defects ledger as a page of the site,
// a quick start for the client, then Redocly build-docs with Redoc inlined (no CDN at run time).
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { loadSpec, type Json } from "../src/spec/document.ts";
import { specModel } from "../src/spec/model.ts";
import { renderDefects } from "./generate-defects.ts";
import { codeSamples } from "./lib/code-samples.ts";
import { run } from "./lib/run.ts";
import { isMain, ROOT } from "./lib/paths.ts";

export const DOCS_DIR = `${ROOT}build/docs`;

const QUICK_START = `
## Quick start with the TypeScript client

\`\`\`sh
npm install ngorder-openapi
\`\`\`

\`\`\`ts
import { createNgorder } from "ngorder-openapi";

const ngorder = createNgorder({ token: process.env.NGORDER_TOKEN!, language: "en" });
const { data: warehouses } = await ngorder.warehouses.list({ with_main_warehouse: true });
\`\`\`

Every operation below shows its SDK call and a curl command. Errors throw \`NgorderError\` with the
status, the server's messages per field and its \`request_id\`; GETs are retried on 429/502/503/504
and network errors, a POST or PATCH never on its own.
`;

export function decorate(doc: Json): Json {
  const site = structuredClone(doc);
  const model = specModel(site);
  for (const operation of model.operations) operation.object["x-codeSamples"] = codeSamples(model, operation);
  site.info.description = `${site.info.description}\n${QUICK_START}`;
  const ledger = renderDefects(doc).replace(/^<!--.*-->\n# .*\n/, "");
  site.tags.push({ name: "Doc defects", "x-traitTag": true, description: ledger });
  site["x-tagGroups"].push({ name: "About this description", tags: ["Doc defects"] });
  return site;
}

export function buildDocs(): string {
  mkdirSync(DOCS_DIR, { recursive: true });
  const doc = loadSpec(`${ROOT}generated/openapi.json`);
  const sitePath = `${ROOT}build/docs-openapi.json`;
  writeFileSync(sitePath, JSON.stringify(decorate(doc)));
  run("redocly", [
    "build-docs",
    sitePath,
    "--inlineBundle",
    "-o",
    `${DOCS_DIR}/index.html`,
    "--title",
    "Ngorder Open API",
  ]);
  // The plain bundle, for download beside the page.
  copyFileSync(`${ROOT}generated/openapi.json`, `${DOCS_DIR}/openapi.json`);
  copyFileSync(`${ROOT}generated/openapi.yaml`, `${DOCS_DIR}/openapi.yaml`);
  return `${DOCS_DIR}/index.html`;
}

if (isMain(import.meta.url)) {
  console.log(`docs built: ${buildDocs()}`);
}

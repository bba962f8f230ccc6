// `npm start`: builds the docs if they are missing or older than the bundle, then serves the docs
// site and a mock of the API (answering from the spec's examples) on 127.0.0.1, and prints both URLs.
import { existsSync, statSync } from "node:fs";
import { buildDocs, DOCS_DIR } from "./build-docs.ts";
import { loadSpec } from "../src/spec/document.ts";
import { mockApiHandler } from "./lib/mock-api.ts";
import { ROOT } from "./lib/paths.ts";
import { startServer } from "./lib/static-server.ts";

const bundle = `${ROOT}generated/openapi.json`;
const page = `${DOCS_DIR}/index.html`;
if (!existsSync(page) || statSync(page).mtimeMs < statSync(bundle).mtimeMs) {
  console.log("building the docs site…");
  buildDocs();
}
const spec = loadSpec(bundle);
const server = await startServer({
  root: DOCS_DIR,
  handler: mockApiHandler(spec),
  port: Number(process.env.PORT ?? 4010),
});
const basePath = new URL(spec.servers[0].url).pathname;
console.log(`docs:     ${server.url}/`);
console.log(`mock API: ${server.url}${basePath}  (any bearer token; answers with the doc's examples)`);
console.log(`try:      curl -H 'Authorization: Bearer test' ${server.url}${basePath}/warehouse`);

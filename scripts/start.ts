// `npm start`: builds the docs site if its inputs changed since the last build, then serves it and a
// mock of the API (answering from the spec's examples) on 127.0.0.1, and prints both URLs.
import { ensureDocs } from "./build-docs.ts";
import { loadSpec } from "../src/spec/document.ts";
import { mockApiHandler } from "./lib/mock-api.ts";
import { ROOT } from "./lib/paths.ts";
import { startServer } from "./lib/static-server.ts";

const spec = loadSpec(`${ROOT}generated/openapi.json`);
const server = await startServer({
  root: ensureDocs(),
  handler: mockApiHandler(spec),
  port: Number(process.env.PORT ?? 4010),
});
const basePath = new URL(spec.servers[0].url).pathname;
console.log(`docs:     ${server.url}/`);
console.log(`mock API: ${server.url}${basePath}  (any bearer token; answers with the doc's examples)`);
console.log(`try:      curl -H 'Authorization: Bearer test' ${server.url}${basePath}/warehouse`);

// `npm start`: builds the docs site if its inputs changed since the last build, then serves it and
// the mock API (src/mock, the same mock as `ngorder-mock`) on 127.0.0.1 and prints both
// URLs. PORT chooses the port (default 4010, 0 for a free one). Ctrl-C or SIGTERM stops it.
import { DOCS_DIR, ensureDocs } from "./build-docs.ts";
import { createMockApi } from "../src/mock/api.ts";
import { listenError, parsePort, PortError } from "../src/mock/listen.ts";
import { isMain } from "./lib/paths.ts";
import { startServer, type LocalServer } from "./lib/static-server.ts";

const HOST = "127.0.0.1";

export interface DocsAndMock {
  docsUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the built docs site and the mock API on one port (PORT: a number, or its text); rejects
 * with a one-line PortError when it is not a port or cannot be listened on.
 */
export async function startDocsAndMock(options: {
  port: number | string;
  log?: (line: string) => void;
}): Promise<DocsAndMock> {
  const port = parsePort(options.port, "PORT");
  const api = createMockApi(options.log ? { log: options.log } : {});
  let server: LocalServer;
  try {
    server = await startServer({ root: DOCS_DIR, handler: api.handle, port });
  } catch (error) {
    throw listenError(error, port, HOST);
  }
  return {
    docsUrl: `${server.url}/`,
    apiUrl: `${server.url}${api.basePath}`,
    close: () => {
      api.close();
      return server.close();
    },
  };
}

async function main(): Promise<void> {
  const port = process.env.PORT ?? 4010;
  parsePort(port, "PORT"); // before the docs are built
  ensureDocs();
  // One line per request when a person watches the terminal; quiet when piped (tests, CI).
  const log = process.stdout.isTTY ? (line: string) => console.log(`mock: ${line}`) : undefined;
  const served = await startDocsAndMock({ port, ...(log ? { log } : {}) });
  const stop = () => void served.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(`docs:     ${served.docsUrl}`);
  console.log(`mock API: ${served.apiUrl}  (any bearer token; validates requests, answers with the doc's examples)`);
  console.log(`try:      curl -H 'Authorization: Bearer test' ${served.apiUrl}/warehouse`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    if (!(error instanceof PortError)) throw error;
    console.error(`npm start: ${error.message}`);
    process.exitCode = 1;
  });
}

// `startMock()`: the mock API on its own HTTP server, on 127.0.0.1 and a free port unless told
// otherwise, for users' test suites and the `ngorder-mock` bin.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createMockApi, type MockOptions, type MockRequest } from "./api.ts";
import { failed } from "./answers.ts";
import { listenError, parsePort } from "./listen.ts";

export interface StartMockOptions extends MockOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface Mock {
  /** The API's base URL on the mock (`http://127.0.0.1:<port>/api/open`): pass it as the client's `baseUrl`. */
  url: string;
  port: number;
  /** Every request received, oldest first; empty it with `requests.length = 0`. */
  requests: MockRequest[];
  /** Stops the server, ending open connections and waiting answers. */
  close(): Promise<void>;
}

export async function startMock(options: StartMockOptions = {}): Promise<Mock> {
  const port = parsePort(options.port ?? 0);
  const host = options.host ?? "127.0.0.1";
  const api = createMockApi(options);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    api.handle(req, res).then(
      (handled) => {
        if (handled) return;
        const answer = failed(404, `The mock serves the API under ${api.basePath || "/"}`);
        res.writeHead(answer.status, answer.headers).end(answer.body);
      },
      (error: unknown) => {
        if (res.headersSent) return void res.destroy();
        const answer = failed(500, `mock error: ${(error as Error)?.message ?? String(error)}`);
        res.writeHead(answer.status, { ...answer.headers, "x-mock-error": "true" }).end(answer.body);
      },
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(listenError(error, port, host)));
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  return {
    url: `${origin}${api.basePath}`,
    port: bound,
    requests: api.requests,
    close: () => {
      api.close();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

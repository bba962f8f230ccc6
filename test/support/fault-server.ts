// A local HTTP server for client tests and benchmarks, on 127.0.0.1 and an ephemeral port. It records
// every request and answers from a script of faults per route — "the first GET /warehouse gets a 503,
// the next a 200" — falling back to a default answer.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (an HTML page, broken JSON, a PDF). */
  body?: string | Buffer;
  /** Wait this long before the status line. */
  delayMs?: number;
  /** Send the headers and half the body, then wait this long before the rest. */
  stallBodyMs?: number;
}

/** An answer, or `reset`: the connection is destroyed without one. */
export type Fault = Answer | "reset";

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Requests still waiting for their answer on an open connection (a client that gave up and closed is not). */
  waiting(): number;
  /** The next requests to `route` ("GET /warehouse/22", no query) get these faults, in order. */
  script(route: string, ...faults: Fault[]): void;
  /** Forgets the scripts and the recorded requests. */
  clear(): void;
  close(): Promise<void>;
}

export const SUCCESS: Answer = { status: 200, json: { response: "Success", data: null } };

export interface FaultServerOptions {
  /** The answer when no script applies. Default: 200 `{"response":"Success","data":null}`. */
  fallback?: (request: RecordedRequest) => Fault;
  /** Keep recorded requests (default true; a benchmark turns it off). */
  record?: boolean;
}

export async function startFaultServer({
  fallback = () => SUCCESS,
  record = true,
}: FaultServerOptions = {}): Promise<FaultServer> {
  const scripts = new Map<string, Fault[]>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const unanswered = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  function send(res: ServerResponse, answer: Answer): void {
    const json = answer.json !== undefined;
    const body = json ? JSON.stringify(answer.json) : (answer.body ?? "");
    const headers = {
      ...(json ? { "content-type": "application/json" } : {}),
      ...answer.headers,
      "content-length": String(Buffer.byteLength(body)),
    };
    const start = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status, headers);
      if (!answer.stallBodyMs) return void res.end(body);
      const half = Math.floor(Buffer.byteLength(body) / 2);
      const bytes = Buffer.from(body);
      res.write(bytes.subarray(0, half));
      later(answer.stallBodyMs, () => res.destroyed || res.end(bytes.subarray(half)));
    };
    if (answer.delayMs) later(answer.delayMs, start);
    else start();
  }

  const server = createServer((req, res) => {
    unanswered.add(res);
    res.on("close", () => unanswered.delete(res));
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request: RecordedRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      if (record) requests.push(request);
      const fault = scripts.get(`${request.method} ${request.path}`)?.shift() ?? fallback(request);
      if (fault === "reset") req.socket.destroy();
      else send(res, fault);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    waiting: () => unanswered.size,
    script: (route, ...faults) => void scripts.set(route, [...(scripts.get(route) ?? []), ...faults]),
    clear: () => {
      scripts.clear();
      requests.length = 0;
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

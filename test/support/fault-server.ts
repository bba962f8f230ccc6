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
  /** Send the headers and half the body, and never the rest: the client has to give up. */
  stallBody?: boolean;
}

/** No answer at all, the connection left open: `hold` is called once the request has arrived (to fire a test clock's timeout, or abort). */
export interface Hold {
  hold(request: RecordedRequest): void;
}

/** An answer, a held request, or `reset`: the connection is destroyed without an answer. */
export type Fault = Answer | Hold | "reset";

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Requests still waiting for their answer on an open connection (a client that gave up and closed is not). */
  waiting(): number;
  /** Resolves once no request is waiting: every held connection was closed by its client. */
  idle(): Promise<void>;
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
  let onIdle: (() => void)[] = [];
  const answered = (res: ServerResponse) => {
    unanswered.delete(res);
    if (unanswered.size) return;
    for (const resolve of onIdle) resolve();
    onIdle = [];
  };

  function send(res: ServerResponse, answer: Answer): void {
    const json = answer.json !== undefined;
    const body = json ? JSON.stringify(answer.json) : (answer.body ?? "");
    const headers = {
      ...(json ? { "content-type": "application/json" } : {}),
      ...answer.headers,
      "content-length": String(Buffer.byteLength(body)),
    };
    res.writeHead(answer.status, headers);
    if (!answer.stallBody) return void res.end(body);
    res.write(Buffer.from(body).subarray(0, Math.floor(Buffer.byteLength(body) / 2)));
  }

  const server = createServer((req, res) => {
    unanswered.add(res);
    res.on("close", () => answered(res));
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
      else if ("hold" in fault) fault.hold(request);
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
    idle: () => (unanswered.size ? new Promise<void>((resolve) => onIdle.push(resolve)) : Promise.resolve()),
    script: (route, ...faults) => void scripts.set(route, [...(scripts.get(route) ?? []), ...faults]),
    clear: () => {
      scripts.clear();
      requests.length = 0;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

// A small HTTP server for local use only (127.0.0.1): serves a folder of static files, and hands
// any other request to an optional handler (the mock API of `npm start`). Like GitHub Pages, it
// answers `/order` with order.html and an unknown path with the folder's 404.html (status 404).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

function sendFile(res: ServerResponse, status: number, file: string): void {
  res.writeHead(status, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface LocalServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(opts: {
  root?: string;
  prefix?: string;
  handler?: Handler;
  port?: number;
}): Promise<LocalServer> {
  const prefix = opts.prefix ?? "/";
  const server = createServer(async (req, res) => {
    try {
      if (opts.handler && (await opts.handler(req, res))) return;
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      if (opts.root && pathname.startsWith(prefix)) {
        const relative = normalize(pathname.slice(prefix.length)).replace(/^(\.\.(\/|$))+/, "");
        let file = join(opts.root, relative);
        if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
        if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
        if (existsSync(file)) return sendFile(res, 200, file);
        const notFound = join(opts.root, "404.html");
        if (existsSync(notFound)) return sendFile(res, 404, notFound);
      }
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject); // a port in use rejects, for the caller to say so in one line
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

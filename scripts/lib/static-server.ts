// A small HTTP server for local use only (127.0.0.1): serves a folder of static files, and hands
// any other request to an optional handler (the mock API of `npm start`). Like GitHub Pages, it
// answers `/order` with order.html and an unknown path with the folder's 404.html (status 404).
// Every error is an answer, never a crash: 400 for a request line or URL it cannot read, 403 for a
// Host that is not this machine (a DNS-rebinding page cannot reach it), 404 (also for a path out
// of the folder, or a link that leads out of it), 405 for methods other than GET and HEAD on
// files, 500 when a file cannot be read. Every answer says `X-Content-Type-Options: nosniff`, and
// pages come with the Content-Security-Policy below.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * The Content-Security-Policy of every page, in one place. Scripts: the site's own files and the
 * page's inline scripts by their SHA-256 (computed from the page served, so any static site works
 * without 'unsafe-inline' for scripts). Styles may be inline. Images and fonts from the site or
 * data: URLs, workers from blob: URLs, nothing from other origins, no plugins, no framing, a
 * <base> only to the site (the docs' 404 page sets one), forms only to the site.
 */
export function contentSecurityPolicy(inlineScriptHashes: string[]): string {
  const scripts = ["'self'", ...inlineScriptHashes.map((hash) => `'sha256-${hash}'`)].join(" ");
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** The SHA-256 (base64) of each inline script of an HTML page, as CSP hashes them. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(match[1]!)) continue;
    hashes.add(createHash("sha256").update(match[2]!, "utf8").digest("base64"));
  }
  return [...hashes];
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};

/** Host names that reach this machine; anything else in a Host header is refused. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface LocalServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(`${text}\n`);
}

/** The path of a request, or undefined when its request target is not a URL this server reads. */
function pathnameOf(target: string | undefined): string | undefined {
  if (!target?.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return decodeURIComponent(new URL(target, "http://127.0.0.1").pathname);
  } catch {
    return undefined;
  }
}

const policies = new Map<string, { mtimeMs: number; policy: string }>();

async function pagePolicy(file: string, mtimeMs: number): Promise<string> {
  const cached = policies.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.policy;
  const policy = contentSecurityPolicy(inlineScriptHashes(await readFile(file, "utf8")));
  policies.set(file, { mtimeMs, policy });
  return policy;
}

type Found = { file: string; size: number; mtimeMs: number };

const isInside = (root: string, file: string) => file === root || file.startsWith(root + sep);

/** A file in the folder, links resolved: one a link leads out of the folder is not there. */
async function fileAt(root: string, file: string): Promise<Found | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const real = await realpath(file).catch(() => undefined);
  return real && isInside(root, real) ? { file, size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

/** The file a path names: itself, its folder's index.html, or the page without `.html`. */
async function findFile(root: string, relative: string): Promise<Found | undefined> {
  const file = resolve(root, `.${relative}`);
  if (!isInside(root, file)) return undefined;
  return (
    (await fileAt(root, file)) ?? (await fileAt(root, join(file, "index.html"))) ?? (await fileAt(root, `${file}.html`))
  );
}

async function serveFile(root: string, relative: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const found = await findFile(root, relative);
  const notFound = found ? undefined : await fileAt(root, join(root, "404.html"));
  if (!found && !notFound) return answer(res, 404, "not found");
  if (found && req.method !== "GET" && req.method !== "HEAD")
    return answer(res, 405, `${req.method} is not served here`, { allow: "GET, HEAD" });
  const { file, size, mtimeMs } = (found ?? notFound)!;
  const status = found ? 200 : 404;
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  const headers: Record<string, string | number> = { "content-type": type, "content-length": size };
  if (type.startsWith("text/html")) headers["content-security-policy"] = await pagePolicy(file, mtimeMs);
  if (req.method !== "GET") {
    res.writeHead(status, headers).end();
    return;
  }
  // The status is sent with the first bytes read, so a file that cannot be read still gets an answer.
  const stream = createReadStream(file);
  stream.once("error", () => answer(res, 500, "the file could not be read"));
  stream.once("readable", () => {
    res.writeHead(status, headers);
    stream.pipe(res);
  });
  res.once("close", () => stream.destroy());
}

export async function startServer(opts: {
  root?: string;
  prefix?: string;
  handler?: Handler;
  port?: number;
}): Promise<LocalServer> {
  const prefix = opts.prefix ?? "/";
  // The folder's real path: a link is followed only where it stays inside it.
  const folder = opts.root === undefined ? undefined : resolve(opts.root);
  const root = folder === undefined ? undefined : await realpath(folder).catch(() => folder);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!LOOPBACK_HOST.test(req.headers.host ?? ""))
      return answer(res, 403, "this server answers requests for 127.0.0.1, localhost or [::1] only");
    const pathname = pathnameOf(req.url);
    if (pathname === undefined) return answer(res, 400, "malformed URL");
    if (opts.handler && (await opts.handler(req, res))) return;
    if (root !== undefined && pathname.startsWith(prefix))
      return serveFile(root, `/${pathname.slice(prefix.length)}`, req, res);
    return answer(res, 404, "not found");
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, "internal error"));
  });
  // A request line Node cannot parse never reaches the handler: answer it here.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

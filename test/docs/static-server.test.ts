// The local server behind `npm start` and the docs tests, tried as an attacker would: malformed
// request lines and URLs, methods it does not serve, a foreign Host header (DNS rebinding), a
// path out of its folder, a file that fails while it is read. Every one gets an answer; none
// stops the server.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineScriptHashes, startServer, type LocalServer } from "../../scripts/lib/static-server.ts";

// The site's folder, and beside it what no request may read: a file, and a folder a link points to.
const parent = mkdtempSync(join(tmpdir(), "ngorder-static-"));
const root = join(parent, "site");
const OUTSIDE = "outside the site folder";
const PAGE = `<!doctype html><title>t</title><script>document.title = "ran";</script>
<script src="app.js"></script><script type="module">window.x = 1;</script>`;
let server: LocalServer;
let port: number;

beforeAll(async () => {
  mkdirSync(root);
  writeFileSync(join(parent, "secret.txt"), OUTSIDE);
  // A sibling whose name starts with the site folder's.
  mkdirSync(join(parent, "site-old"));
  writeFileSync(join(parent, "site-old", "secret.txt"), OUTSIDE);
  mkdirSync(join(parent, "private"));
  writeFileSync(join(parent, "private", "data.json"), JSON.stringify(OUTSIDE));
  symlinkSync(join(parent, "private"), join(root, "linked"));
  symlinkSync(join(parent, "secret.txt"), join(root, "escape.txt"));
  writeFileSync(join(root, "index.html"), PAGE);
  writeFileSync(join(root, "app.js"), "window.y = 2;");
  mkdirSync(join(root, "sub"));
  writeFileSync(join(root, "sub", "data.json"), "{}");
  server = await startServer({
    root,
    handler: (req, res) => {
      if (!req.url?.startsWith("/api/")) return false;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      return true;
    },
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
  rmSync(parent, { recursive: true, force: true });
});

/** Sends bytes as they are (fetch would repair a malformed request) and returns the status line and headers. */
function raw(
  request: string,
  to: LocalServer = server,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(to.url).port), "127.0.0.1");
    let text = "";
    socket.on("data", (chunk) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = ""] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, text });
    });
    socket.write(request);
  });
}

const get = (target: string, host = "127.0.0.1", method = "GET") =>
  raw(
    `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n${method === "PUT" ? "Content-Length: 0\r\n" : ""}\r\n`,
  );

describe("the local static server", () => {
  it.each(["/%zz", "//[::1", "/api/%zz", "http://127.0.0.1/"])(
    "answers 400 to the malformed URL %s",
    async (target) => {
      expect((await get(target)).status).toBe(400);
    },
  );

  it("answers 400 to a request line it cannot parse", async () => {
    expect((await raw("NOT HTTP AT ALL\r\n\r\n")).status).toBe(400);
  });

  it.each(["PUT", "DELETE", "TRACE", "POST", "OPTIONS"])(
    "answers %s on a file with 405 and the methods it serves",
    async (method) => {
      const answer = await get("/", "127.0.0.1", method);
      expect({ status: answer.status, allow: answer.headers.allow }).toEqual({ status: 405, allow: "GET, HEAD" });
    },
  );

  it("serves HEAD like GET, without the body", async () => {
    const answer = await get("/sub/data.json", "127.0.0.1", "HEAD");
    expect({
      status: answer.status,
      length: answer.headers["content-length"],
      body: answer.text.split("\r\n\r\n")[1],
    }).toEqual({
      status: 200,
      length: "2",
      body: "",
    });
  });

  it.each(["evil.example", "127.0.0.1.nip.io", "attacker.test:4010", ""])(
    "refuses the Host %j (DNS rebinding)",
    async (host) => {
      expect((await get("/", host)).status).toBe(403);
    },
  );

  it.each(["127.0.0.1", "localhost", "[::1]", `127.0.0.1:${4010}`])("serves the loopback Host %s", async (host) => {
    expect((await get("/", host)).status).toBe(200);
  });

  it.each([
    "/../secret.txt",
    "/sub/../../secret.txt",
    "/..%2Fsecret.txt",
    "/..%2Fsite-old%2Fsecret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/sub/%2e%2e/%2e%2e/secret.txt",
    "/.%2e/secret.txt",
    "/..%5Csecret.txt",
    "/sub%5C..%5C..%5Csecret.txt",
    "/..\\secret.txt",
    `/%2F${encodeURIComponent(parent)}%2Fsecret.txt`,
    `/${encodeURIComponent(join(parent, "secret.txt"))}`,
    "/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/index.html%00",
    "/%00../secret.txt",
    "/escape.txt",
    "/linked/data.json",
  ])("keeps %s inside its folder", async (target) => {
    const answer = await get(target);
    expect(answer.text).not.toContain(OUTSIDE);
    expect(answer.text).not.toContain("root:");
    expect(answer.status).toBe(404);
  });

  it("serves what a link inside its folder points to inside it", async () => {
    symlinkSync(join(root, "sub", "data.json"), join(root, "alias.json"));
    expect((await get("/alias.json")).status).toBe(200);
  });

  it("says nosniff on every answer, and sends pages with a policy that allows exactly their inline scripts", async () => {
    const answers = await Promise.all(["/", "/app.js", "/missing", "/%zz", "/api/x"].map((target) => get(target)));
    expect(answers.map((a) => a.headers["x-content-type-options"])).toEqual(Array(5).fill("nosniff"));
    const [page, script] = answers;
    const policy = page!.headers["content-security-policy"]!;
    const hashes = [...policy.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    expect(hashes.sort()).toEqual(inlineScriptHashes(PAGE).sort());
    expect(hashes).toHaveLength(2); // the two inline scripts; app.js is allowed as 'self'
    expect(policy).toMatch(/(^|; )script-src 'self' /);
    expect(policy).not.toMatch(/unsafe-(inline|eval)'[^;]*;\s*style|script-src[^;]*unsafe/);
    expect(script!.headers["content-security-policy"]).toBeUndefined();
  });

  it("answers a file that fails while it is read, and goes on serving", async () => {
    // Reading /proc/self/mem from its start fails with EIO, after the file was found and opened.
    const proc = await startServer({ root: "/proc/self" });
    try {
      const failed = await raw(`GET /mem HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, proc);
      expect(failed.status).toBe(500);
      expect((await raw(`GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, proc)).status).toBe(
        200,
      );
    } finally {
      await proc.close();
    }
  });

  it("refuses to start on a port that is taken, with the system's reason", async () => {
    await expect(startServer({ root, port })).rejects.toThrow(/EADDRINUSE/);
  });
});

// `npm start`: the docs site and the mock API (src/mock, the one ngorder-mock serves), together on
// 127.0.0.1; SIGTERM to npm stops every process it started; a bad or busy port is one clear line.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createNgorder } from "../../src/index.ts";
import { PortError } from "../../src/mock/index.ts";
import { loadSpec } from "../../src/spec/document.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { startDocsAndMock } from "../../scripts/start.ts";

const spec = loadSpec();
const basePath = new URL(spec.servers[0].url as string).pathname;
const auth = { authorization: "Bearer any-token" };

/** The processes below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the 4th field of /proc/<pid>/stat, after the command's parenthesised name.
      const ppid = Number(
        readFileSync(`/proc/${entry}/stat`, "utf8")
          .replace(/^.*\) /s, "")
          .split(" ")[1],
      );
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while the table was read
    }
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length;) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm start", () => {
  let npm: ChildProcess | undefined;
  let started: number[] = [];
  afterAll(() => {
    if (npm?.exitCode === null) npm.kill("SIGKILL");
    for (const pid of started.filter(alive)) process.kill(pid, "SIGKILL"); // left running by a failed test
  });

  it("serves the docs site and the mock API, prints both URLs, and stops every process on SIGTERM", async () => {
    npm = spawn("npm", ["start"], { cwd: ROOT, env: { ...process.env, PORT: "0" } });
    let printed = "";
    npm.stdout!.on("data", (chunk) => (printed += chunk));
    npm.stderr!.on("data", (chunk) => (printed += chunk));
    while (!/mock API: \S+/.test(printed))
      await Promise.race([once(npm.stdout!, "data"), once(npm, "exit")]).then(() => {
        if (npm!.exitCode !== null) throw new Error(`npm start exited ${npm!.exitCode}:\n${printed}`);
      });
    const docs = /docs: +(\S+)/.exec(printed)![1]!;
    const api = /mock API: +(\S+)/.exec(printed)![1]!;
    expect(api).toBe(`${docs.replace(/\/$/, "")}${basePath}`);

    const page = await fetch(docs);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("Ngorder (SmartSeller) Open API");

    // The README's example: the client against the mock, with any token.
    const ngorder = createNgorder({ token: "any", baseUrl: api });
    const { data: warehouse } = await ngorder.warehouses.get({ id: 22 });
    expect(warehouse).toEqual(
      spec.paths["/warehouse/{id}"].get.responses["200"].content["application/json"].examples.vendorDoc.value.data,
    );
    // The same mock as ngorder-mock: it validates.
    const invalid = await fetch(`${api}/warehouse`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{}",
    });
    expect(invalid.status).toBe(400);
    expect(printed, "quiet when not on a terminal").not.toContain("mock: ");

    started = descendants(npm.pid!);
    expect(started.length).toBeGreaterThan(0);
    npm.kill("SIGTERM");
    await once(npm, "exit");
    await expect.poll(() => started.filter(alive), { timeout: 5_000 }).toEqual([]);
    await expect(fetch(docs)).rejects.toThrow();
  });
});

describe("npm start's port", () => {
  it("in use is one clear line, and so is a port that is not one", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(startDocsAndMock({ port })).rejects.toThrow(
        new PortError(`port ${port} on 127.0.0.1 is in use: choose another, or 0 for a free one`),
      );
    } finally {
      busy.close();
    }
    await expect(startDocsAndMock({ port: "4010x" })).rejects.toThrow(
      new PortError('PORT "4010x" is not a port: use a number from 1 to 65535, or 0 for a free one'),
    );
  });
});

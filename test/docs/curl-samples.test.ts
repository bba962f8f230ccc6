// The curl sample of every operation, as the built docs print it, runs against `npm start`'s mock
// and succeeds: real curl, the printed command with only the host swapped for the local one.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSpec } from "../../src/spec/document.ts";
import { ensureDocs } from "../../scripts/build-docs.ts";
import { mockApiHandler } from "../../scripts/lib/mock-api.ts";
import { startServer, type LocalServer } from "../../scripts/lib/static-server.ts";
import { specModel } from "../../src/spec/model.ts";

const run = promisify(execFile);
const spec = loadSpec();
const SERVER = spec.servers[0].url as string;

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescape = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** The curl samples printed on the built pages, by the operation (section id) they belong to. */
function printedCurlSamples(docs: string): Map<string, string> {
  const samples = new Map<string, string>();
  for (const page of readdirSync(docs).filter((f) => f.endsWith(".html"))) {
    const html = readFileSync(join(docs, page), "utf8");
    for (const [, id, body] of html.matchAll(/<section class="operation" id="([^"]+)"([\s\S]*?)<\/section>/g)) {
      const curl = /<figure class="sample" data-lang="curl">[\s\S]*?<code>([\s\S]*?)<\/code>/.exec(body!);
      if (curl) samples.set(id!, unescape(curl[1]!));
    }
  }
  return samples;
}

let mock: LocalServer;
let work: string;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {}); // the mock logs every request
  mock = await startServer({ handler: mockApiHandler(spec) });
  work = mkdtempSync(join(tmpdir(), "ngorder-curl-"));
});

afterAll(async () => {
  vi.restoreAllMocks();
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the docs' curl samples", () => {
  it("run as printed against the mock API and get the operation's success answer", async () => {
    const samples = printedCurlSamples(ensureDocs());
    expect([...samples.keys()].sort()).toEqual(
      specModel(spec)
        .operations.map((o) => o.id)
        .sort(),
    );
    // The files the upload samples read: a reader has their own; any bytes do for the mock.
    for (const [, file] of [...samples.values()].flatMap((s) => [...s.matchAll(/=@\.\/([\w.-]+);/g)]))
      writeFileSync(join(work, file!), "sample upload\n");
    const failures: string[] = [];
    const queue = [...samples];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [id, sample] = next;
        const command = `${sample.replaceAll(SERVER, `${mock.url}/api/open`)} -sS -w '\\n%{http_code} %header{x-mock-operation}'`;
        try {
          const { stdout } = await run("sh", ["-c", command], {
            cwd: work,
            env: { ...process.env, NGORDER_TOKEN: "docs-sample-token" },
          });
          const [status, operation] = stdout.split("\n").at(-1)!.split(" ");
          if (!/^2\d\d$/.test(status!) || operation !== id)
            failures.push(`${id}: ${status} from ${operation}\n${command}`);
          const saved = /-o '([^']+)'/.exec(sample)?.[1];
          if (saved && !(existsSync(join(work, saved)) && readFileSync(join(work, saved), "utf8").includes(id)))
            failures.push(`${id}: the download was not saved to ${saved}`);
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(failures).toEqual([]);
  });
});

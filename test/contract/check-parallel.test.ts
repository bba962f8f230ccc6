// The contract check on worker threads: the same report, in the same order, as on one thread,
// whatever the mix of passing, failing, unreadable and broken recordings and however the batches
// come back; a failing thread ends the check with its error.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFilesStreaming, type ReportedFailure } from "../../src/contract/check-files.ts";
import { checkFiles, checkFilesParallel, WorkerQueue } from "../../src/contract/check-parallel.ts";
import { ContractChecker } from "../../src/contract/checker.ts";
import type { HarEntry } from "../../src/contract/har.ts";
import { bundledSpecPath, loadSpec } from "../../src/spec/document.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { recordedEntries } from "../support/recordings.ts";

const dir = mkdtempSync(join(tmpdir(), "ngorder-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const checker = new ContractChecker(loadSpec(bundledSpecPath()));

/**
 * Vendor-doc entries of a few operations (each thread compiles the validators of those it meets),
 * some of them broken in one of the ways a check reports.
 */
function mixedEntries(copies: number): HarEntry[] {
  const entries = recordedEntries(`${ROOT}test/recordings/vendor-doc/`)
    .filter((r) => /^(warehouse|supplier|bank)\.har$/.test(r.file))
    .map((r) => r.entry);
  return Array.from({ length: copies }, (_, copy) =>
    entries.map((entry, i): HarEntry => {
      const n = copy * entries.length + i;
      if (n % 7 === 3) return { ...entry, response: { ...entry.response, status: 599 } };
      if (n % 11 === 5) return { ...entry, request: { ...entry.request, url: `https://x.test/${n}` } };
      if (n % 13 === 8)
        return { ...entry, response: { ...entry.response, content: { ...entry.response.content, text: "{" } } };
      return entry;
    }),
  ).flat();
}

let files: string[];
beforeAll(() => {
  const entries = mixedEntries(40);
  const texts = entries.map((e) => JSON.stringify(e, null, 1));
  // An entry that is not JSON and one that is not an object, among the others.
  texts.splice(100, 0, '{"request": tru}', "7");
  const har = join(dir, "a.har");
  writeFileSync(har, `{"log": {"version": "1.2", "entries": [${texts.join(",\n")}]}}`);
  const ndjson = join(dir, "b.ndjson");
  const lines = entries.slice(0, 300).map((e) => JSON.stringify(e));
  lines.splice(50, 0, "", "{not json", "   ");
  writeFileSync(ndjson, lines.join("\n"));
  const notHar = join(dir, "c.har");
  writeFileSync(notHar, '{"log": {"pages": []}}');
  const brokenOff = join(dir, "d.har");
  writeFileSync(brokenOff, `{"log": {"entries": [${texts.slice(0, 40).join(",")}, {"a": `);
  files = [har, ndjson, notHar, brokenOff];
});

function collect(run: (failure: (f: ReportedFailure) => void) => unknown) {
  const failures: ReportedFailure[] = [];
  return { failures, summary: run((f) => failures.push(f)) };
}

describe("the contract check on worker threads", () => {
  it("gives the one-thread report, in the same order, with many small batches in flight", async () => {
    // Entries over 1,500 bytes are reported by the reading thread itself, between the batches.
    const maxEntryBytes = 1500;
    const one = collect((failure) => checkFilesStreaming(checker, files, "spec", { failure }, { maxEntryBytes }));
    const many = collect((failure) =>
      checkFilesParallel(checker, files, "spec", { failure }, { workers: 2, batchEntries: 3, maxEntryBytes }),
    );
    many.summary = await many.summary;
    // The corpus reaches every kind of outcome, so equal reports are not equal by being empty.
    const locations = new Set(one.failures.map((f) => f.location));
    expect([...locations].sort()).toEqual(["har", "response.body", "response.status", "route"]);
    expect(one.failures.some((f) => f.line !== undefined)).toBe(true);
    expect(one.failures.filter((f) => f.message.includes("larger than")).length).toBeGreaterThan(10);
    expect(many.failures).toEqual(one.failures);
    expect(many.summary).toEqual(one.summary);
  });

  it("checks a small input on this thread unless told otherwise", async () => {
    const checkedWhenRead: number[] = [];
    const summary = await checkFiles(checker, [files[0]!], "spec", {
      failure: () => {},
      progress: (_bytes, _total, entries) => checkedWhenRead.push(entries),
    });
    expect(summary.entries).toBe(mixedEntries(40).length + 2);
    // On this thread each chunk's entries are checked before the next chunk is read; worker threads
    // would still be starting when the last chunk is read.
    expect(checkedWhenRead.at(-1)).toBe(summary.entries);
  });

  it("ends with the error of a thread that fails, rather than wait for it", async () => {
    const workerModule = new URL("../support/failing-check-worker.ts", import.meta.url);
    await expect(
      checkFilesParallel(checker, files, "spec", { failure: () => {} }, { workers: 2, workerModule }),
    ).rejects.toThrow("planted failure in a checking thread");
  });
});

describe("what waits for a worker", () => {
  const MiB = 1024 * 1024;
  /** A queue that was sent these batches (bytes each) and answered the first `answered` of them. */
  function queue(sent: number[], answered = 0): WorkerQueue {
    const q = new WorkerQueue();
    for (const bytes of sent) q.sent(bytes);
    for (let i = 0; i < answered; i++) q.answered();
    return q;
  }

  it.each([
    ["an idle worker, any batch (one entry may be 32 MiB)", [], 0, 30 * MiB, true],
    ["a busy worker, a small batch", [MiB, MiB], 0, MiB, true],
    ["a busy worker, not a batch past 4 MiB waiting", [MiB], 0, 3.5 * MiB, false],
    ["a busy worker, not a fourth batch", [0.1 * MiB, 0.1 * MiB, 0.1 * MiB], 0, 0.1 * MiB, false],
    ["a worker that answered its large batch, the next", [30 * MiB, MiB], 1, 2 * MiB, true],
  ])("takes for %s", (_case, sent, answered, bytes, takes) => {
    expect(queue(sent, answered).accepts(bytes)).toBe(takes);
  });
});

// Prints how fast the contract check is, in three figures:
//  1. in memory: the compile time of the spec's validators (once per spec) and how many recorded
//     exchanges per second it then checks on one core (every vendor-doc recording over and over,
//     in one-second windows: the first, while V8 optimises, and the median of the second half);
//  2. from a file: a HAR of the given size (default 1 GB) generated from the vendor-doc
//     recordings in a temporary directory, checked by the streaming reader in a fresh process:
//     entries/s and MB/s end to end (read, parse, check) and that process's peak RSS;
//  3. a failing run: 1,000,000 entries that each fail, as NDJSON, reported as text to /dev/null,
//     with the same figures (the report is streamed, so memory stays flat).
// Targets: ≥ 50,000 entries/s and < 300 MB peak RSS for the 1 GB HAR.
// Usage: npx tsx bench/contract.ts [seconds] [gigabytes]   (or: npm run bench:contract)
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { checkFilesStreaming, harFilesIn, readHar } from "../src/contract/check-files.ts";
import { ContractChecker } from "../src/contract/checker.ts";
import { textReportWriter } from "../src/contract/format-report.ts";
import type { HarEntry } from "../src/contract/har.ts";
import { bundledSpecPath, loadSpec } from "../src/spec/document.ts";
import { ROOT } from "../scripts/lib/paths.ts";

const format = (rate: number, unit: string) => `${Math.round(rate).toLocaleString("en")} ${unit}`;

function vendorDocEntries(): HarEntry[] {
  return harFilesIn([`${ROOT}test/recordings/vendor-doc/`]).flatMap((file) => {
    const read = readHar(file);
    return "har" in read ? read.har.log.entries : [];
  });
}

/** Child mode: checks one file with the streaming reader and prints its figures as JSON. */
function checkFile(file: string, report: "none" | "text"): void {
  const checker = new ContractChecker(loadSpec(bundledSpecPath()));
  checker.compileAll();
  const out = report === "text" ? openSync("/dev/null", "w") : undefined;
  const writer = textReportWriter((text) => void (out !== undefined && writeSync(out, text)));
  const start = performance.now();
  const summary = checkFilesStreaming(checker, [file], "bundle", { failure: writer.failure });
  writer.end(summary);
  const seconds = (performance.now() - start) / 1000;
  if (out !== undefined) closeSync(out);
  const { maxRSS } = process.resourceUsage(); // kilobytes
  console.log(
    JSON.stringify({ entries: summary.entries, failures: summary.failureCount, seconds, peakRssMb: maxRSS / 1024 }),
  );
}

async function writeLines(file: string, head: string, lines: () => Generator<string>, tail: string): Promise<void> {
  const stream = createWriteStream(file);
  stream.write(head);
  for (const line of lines()) if (!stream.write(line)) await once(stream, "drain");
  stream.end(tail);
  await once(stream, "finish");
}

function measure(file: string, report: "none" | "text", label: string): void {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ["--import", "tsx", self, "--check", file, report], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the check of ${file} failed: ${run.stderr}`);
  const { entries, failures, seconds, peakRssMb } = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  const megabytes = statSync(file).size / 1e6;
  console.log(`${label}:`);
  console.log(
    `  file:        ${megabytes.toFixed(0)} MB, ${entries.toLocaleString("en")} entries, ${failures.toLocaleString("en")} failures`,
  );
  console.log(
    `  rate:        ${format(entries / seconds, "entries/s")}, ${format(megabytes / seconds, "MB/s")} (${seconds.toFixed(1)} s)`,
  );
  console.log(`  peak RSS:    ${peakRssMb.toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const seconds = Math.max(2, Number(process.argv[2] ?? 10));
  const gigabytes = Number(process.argv[3] ?? 1);
  const entries = vendorDocEntries();
  const bodyBytes = entries.map((e) => e.response.content.text?.length ?? 0).sort((a, b) => a - b);

  const start = performance.now();
  const checker = new ContractChecker(loadSpec(bundledSpecPath()));
  const problems = checker.compileAll();
  const compileMs = performance.now() - start;
  if (problems.length) throw new Error(`the spec does not compile: ${problems.map((p) => p.message).join("; ")}`);
  for (const [i, entry] of entries.entries()) {
    const failures = checker.checkEntry(entry, i).failures;
    if (failures.length)
      throw new Error(`recording ${i} fails: ${failures[0]!.message}; the benchmark measures passing checks`);
  }
  const rates: number[] = [];
  for (let window = 0; window < seconds; window++) {
    let checked = 0;
    const windowStart = performance.now();
    while (performance.now() - windowStart < 1000) {
      for (let i = 0; i < entries.length; i++) checker.checkEntry(entries[i]!, i);
      checked += entries.length;
    }
    rates.push(checked / ((performance.now() - windowStart) / 1000));
  }
  const steady = rates.slice(Math.floor(rates.length / 2)).sort((a, b) => a - b);
  console.log(`operations in the spec:      ${checker.operations.length}`);
  console.log(`first compile (load + all):  ${compileMs.toFixed(0)} ms`);
  console.log(
    `recordings:                  ${entries.length} (response body median ${bodyBytes[bodyBytes.length >> 1]} B, max ${bodyBytes.at(-1)} B)`,
  );
  console.log(`first second:                ${format(rates[0]!, "recorded responses/s")}`);
  console.log(`steady (median, one core):   ${format(steady[steady.length >> 1]!, "recorded responses/s")}`);

  const dir = mkdtempSync(join(tmpdir(), "ngorder-bench-"));
  try {
    const har = join(dir, "big.har");
    const texts = entries.map((e) => JSON.stringify(e, null, 2));
    const target = gigabytes * 1e9;
    await writeLines(
      har,
      '{\n  "log": {\n    "version": "1.2",\n    "creator": { "name": "bench", "version": "1" },\n    "entries": [\n',
      function* () {
        for (let written = 0, i = 0; written < target; i++) {
          const text = `${i ? ",\n" : ""}${texts[i % texts.length]}`;
          written += text.length;
          yield text;
        }
      },
      "\n    ]\n  }\n}\n",
    );
    measure(har, "none", `a ${gigabytes} GB HAR, checked from the file (read, parse, check)`);
    rmSync(har);

    const ndjson = join(dir, "failing.ndjson");
    const failing = JSON.stringify({
      ...entries[0],
      request: { ...entries[0]!.request, url: "https://x.test/nowhere" },
    });
    await writeLines(
      ndjson,
      "",
      function* () {
        for (let i = 0; i < 1_000_000; i++) yield `${failing}\n`;
      },
      "",
    );
    measure(ndjson, "text", "1,000,000 failing entries (NDJSON), text report streamed to /dev/null");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--check") checkFile(process.argv[3]!, process.argv[4] as "none" | "text");
else await main();

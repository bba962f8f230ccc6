// Prints how fast the contract check is, in four figures, measured on the compiled package (dist/,
// built first) on plain Node — what the ngorder-contract bin runs for users (bench/contract-child.mjs):
//  1. in memory: the compile time of the spec's validators (once per spec) and how many recorded
//     exchanges per second it then checks on one core (every vendor-doc recording over and over,
//     in one-second windows: the first, while V8 optimises, and the median of the second half);
//  2. from a file: a HAR of the given size (default 1 GB) generated from the vendor-doc
//     recordings in a temporary directory, checked in a fresh process as ngorder-contract checks
//     it (worker threads from 64 MB on, unless `jobs` says how many): entries/s and MB/s end to
//     end (read, parse, check), the CPU time of all its threads, and its peak RSS;
//  3. the floor: the same HAR through the same reader and worker threads, each entry and its
//     response body parsed but not checked (bench/parse-only-worker.mjs): what the check costs
//     before it checks anything, and so the part of the machine's time the checks cannot have;
//  4. a failing run: 1,000,000 entries that each fail, as NDJSON, reported as text to /dev/null,
//     with the same figures (the report is streamed, so memory stays flat).
// Targets: ≥ 50,000 entries/s and < 300 MB peak RSS for the 1 GB HAR.
// Usage: npx tsx bench/contract.ts [seconds] [gigabytes] [jobs]   (or: npm run bench:contract)
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { harFilesIn, readHar } from "../src/contract/check-files.ts";
import type { HarEntry } from "../src/contract/har.ts";
import { buildPackage } from "../scripts/build-package.ts";
import { ROOT } from "../scripts/lib/paths.ts";

const CHILD = `${ROOT}bench/contract-child.mjs`;
/** The target for the 1 GB HAR (with < 300 MB peak RSS). */
const TARGET_ENTRIES_PER_SECOND = 50_000;

const format = (rate: number, unit: string) => `${Math.round(rate).toLocaleString("en")} ${unit}`;

function vendorDocEntries(): HarEntry[] {
  return harFilesIn([`${ROOT}test/recordings/vendor-doc/`]).flatMap((file) => {
    const read = readHar(file);
    return "har" in read ? read.har.log.entries : [];
  });
}

/** Runs the measuring child on the compiled package and returns its figures. */
function child(args: string[]): any {
  const run = spawnSync(process.execPath, [CHILD, ...args], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`bench/contract-child.mjs ${args.join(" ")} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
}

async function writeLines(file: string, head: string, lines: () => Generator<string>, tail: string): Promise<void> {
  const stream = createWriteStream(file);
  stream.write(head);
  for (const line of lines()) if (!stream.write(line)) await once(stream, "drain");
  stream.end(tail);
  await once(stream, "finish");
}

interface FileFigures {
  entries: number;
  failures: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** Prints and returns the child's figures for `file`, measured in `mode` with its `options`. */
function measure(label: string, mode: "file" | "floor", file: string, ...options: string[]): FileFigures {
  const figures: FileFigures = child([mode, file, ...options]);
  const { entries, failures, seconds, cpuSeconds, peakRssMb } = figures;
  const megabytes = statSync(file).size / 1e6;
  console.log(`${label}:`);
  console.log(
    `  file:        ${megabytes.toFixed(0)} MB, ${entries.toLocaleString("en")} entries, ${failures.toLocaleString("en")} failures`,
  );
  console.log(
    `  rate:        ${format(entries / seconds, "entries/s")}, ${format(megabytes / seconds, "MB/s")} (${seconds.toFixed(1)} s)`,
  );
  console.log(`  CPU:         ${cpuSeconds.toFixed(1)} s (all threads)`);
  console.log(`  peak RSS:    ${peakRssMb.toFixed(0)} MB`);
  return figures;
}

/** The CPU time the target rate allows on this machine's cores, and what the floor leaves of it to the checks. */
function printBudget(check: FileFigures, floor: FileFigures): void {
  const cores = availableParallelism();
  const allowed = (check.entries / TARGET_ENTRIES_PER_SECOND) * cores;
  const line = (label: string, cpuSeconds: number) =>
    console.log(
      `  ${label.padEnd(12)} ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / check.entries) * 1e6).toFixed(1)} µs per entry)`,
    );
  console.log(`CPU budget at ${format(TARGET_ENTRIES_PER_SECOND, "entries/s")} on ${cores} cores:`);
  line("allowed:", allowed);
  line("the floor:", floor.cpuSeconds);
  line("left:", allowed - floor.cpuSeconds);
  line("the checks:", check.cpuSeconds - floor.cpuSeconds);
}

async function main(): Promise<void> {
  const seconds = Math.max(2, Number(process.argv[2] ?? 10));
  const gigabytes = Number(process.argv[3] ?? 1);
  const jobs = process.argv[4]; // default: what ngorder-contract chooses (a thread per core from 64 MB on)
  buildPackage();
  const memory = child(["memory", String(seconds)]);
  const rates: number[] = memory.rates;
  const bodies: number[] = memory.bodies;
  const steady = rates.slice(Math.floor(rates.length / 2)).sort((a, b) => a - b);
  console.log(`cores:                       ${availableParallelism()} (jobs: ${jobs ?? "default"})`);
  console.log(`operations in the spec:      ${memory.operations}`);
  console.log(`first compile (load + all):  ${memory.compileMs.toFixed(0)} ms`);
  console.log(
    `recordings:                  ${memory.recordings} (response body median ${bodies[bodies.length >> 1]} B, max ${bodies.at(-1)} B)`,
  );
  console.log(`first second:                ${format(rates[0]!, "recorded responses/s")}`);
  console.log(`steady (median, one core):   ${format(steady[steady.length >> 1]!, "recorded responses/s")}`);

  const entries = vendorDocEntries();
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
    const jobsArgs = jobs ? [jobs] : [];
    const check = measure(
      `a ${gigabytes} GB HAR, checked from the file (read, parse, check)`,
      "file",
      har,
      "none",
      ...jobsArgs,
    );
    const floor = measure(
      "the same HAR, read and parsed on worker threads but not checked (the floor)",
      "floor",
      har,
      ...jobsArgs,
    );
    printBudget(check, floor);
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
    measure(
      "1,000,000 failing entries (NDJSON), text report streamed to /dev/null",
      "file",
      ndjson,
      "text",
      ...jobsArgs,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

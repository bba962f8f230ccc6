// The measuring side of bench/contract.ts. It runs the compiled package (dist/, built by
// `npm run build:package`) on plain Node, as the ngorder-contract bin runs for users: under tsx the
// same code is slower (esbuild's name-keeping wrappers, source maps), which would measure tsx.
// Usage (from bench/contract.ts): node bench/contract-child.mjs memory <seconds> | file <path> <none|text> [jobs]
//   | floor <path> [jobs]
import { closeSync, openSync, statSync, writeSync } from "node:fs";

const dist = new URL("../dist/src/", import.meta.url);
const { harFilesIn, readHar } = await import(new URL("contract/check-files.js", dist).href);
const { checkFiles, checkFilesParallel, defaultJobs } = await import(new URL("contract/check-parallel.js", dist).href);
const { ContractChecker } = await import(new URL("contract/checker.js", dist).href);
const { textReportWriter } = await import(new URL("contract/format-report.js", dist).href);
const { bundledSpecPath, loadSpec } = await import(new URL("spec/document.js", dist).href);

/** Seconds since `start`, the CPU time of all threads, and the peak RSS (maxRSS is in kilobytes). */
function usage(start) {
  const { user, system } = process.cpuUsage();
  return {
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (user + system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Every vendor-doc recording checked over and over in one-second windows; the rate of each window. */
function inMemory(seconds) {
  const recordings = new URL("../test/recordings/vendor-doc/", import.meta.url).pathname;
  const entries = harFilesIn([recordings]).flatMap((file) => {
    const read = readHar(file);
    return "har" in read ? read.har.log.entries : [];
  });
  const start = performance.now();
  const checker = new ContractChecker(loadSpec(bundledSpecPath()));
  const problems = checker.compileAll();
  const compileMs = performance.now() - start;
  if (problems.length) throw new Error(`the spec does not compile: ${problems.map((p) => p.message).join("; ")}`);
  for (const [i, entry] of entries.entries()) {
    const [failure] = checker.checkEntry(entry, i).failures;
    if (failure) throw new Error(`recording ${i} fails: ${failure.message}; the benchmark measures passing checks`);
  }
  const rates = [];
  for (let window = 0; window < seconds; window++) {
    let checked = 0;
    const windowStart = performance.now();
    while (performance.now() - windowStart < 1000) {
      for (let i = 0; i < entries.length; i++) checker.checkEntry(entries[i], i);
      checked += entries.length;
    }
    rates.push(checked / ((performance.now() - windowStart) / 1000));
  }
  const bodies = entries.map((e) => e.response.content.text?.length ?? 0).sort((a, b) => a - b);
  return { operations: checker.operations.length, compileMs, recordings: entries.length, bodies, rates };
}

/**
 * One file, as `ngorder-contract <file>` checks it (on worker threads from 64 MB on, unless `jobs` is
 * given), timed from the checker's construction: compiling the validators each thread reaches is
 * part of the run.
 */
async function fromFile(file, report, jobs) {
  const out = report === "text" ? openSync("/dev/null", "w") : undefined;
  const writer = textReportWriter((text) => void (out !== undefined && writeSync(out, text)));
  const start = performance.now();
  const checker = new ContractChecker(loadSpec(bundledSpecPath()));
  const summary = await checkFiles(checker, [file], "bundle", { failure: writer.failure }, jobs);
  writer.end(summary);
  const figures = usage(start);
  if (out !== undefined) closeSync(out);
  return { ...figures, entries: summary.entries, failures: summary.failureCount };
}

/**
 * The same file through the same reader and worker threads (as many as the check's, at least one),
 * parsed and not checked (parse-only-worker.mjs): what the check costs before it checks anything.
 */
async function parseOnly(file, jobs) {
  const start = performance.now();
  const checker = new ContractChecker(loadSpec(bundledSpecPath()));
  const summary = await checkFilesParallel(
    checker,
    [file],
    "bundle",
    { failure() {} },
    {
      workers: jobs ?? defaultJobs(statSync(file).size),
      workerModule: new URL("parse-only-worker.mjs", import.meta.url),
    },
  );
  return { ...usage(start), entries: summary.entries, failures: summary.failureCount };
}

const [mode, ...args] = process.argv.slice(2);
const jobsArgument = (arg) => (arg === undefined ? undefined : Number(arg));
const figures =
  mode === "memory"
    ? inMemory(Number(args[0]))
    : mode === "floor"
      ? await parseOnly(args[0], jobsArgument(args[1]))
      : await fromFile(args[0], args[1], jobsArgument(args[2]));
console.log(JSON.stringify(figures));

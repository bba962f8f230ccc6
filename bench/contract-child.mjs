// The measuring side of bench/contract.ts. It runs the compiled package (dist/, built by
// `npm run build:package`) on plain Node, as the ngorder-contract bin runs for users: under tsx the
// same code is slower (esbuild's name-keeping wrappers, source maps), which would measure tsx.
// Usage (from bench/contract.ts): node bench/contract-child.mjs memory <seconds> | file <path> <none|text> [jobs]
import { closeSync, openSync, writeSync } from "node:fs";

const dist = new URL("../dist/src/", import.meta.url);
const { harFilesIn, readHar } = await import(new URL("contract/check-files.js", dist).href);
const { checkFiles } = await import(new URL("contract/check-parallel.js", dist).href);
const { ContractChecker } = await import(new URL("contract/checker.js", dist).href);
const { textReportWriter } = await import(new URL("contract/format-report.js", dist).href);
const { bundledSpecPath, loadSpec } = await import(new URL("spec/document.js", dist).href);

const peakRssMb = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes

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
  const seconds = (performance.now() - start) / 1000;
  if (out !== undefined) closeSync(out);
  const cpuSeconds = process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
  return { entries: summary.entries, failures: summary.failureCount, seconds, cpuSeconds, peakRssMb: peakRssMb() };
}

const [mode, ...args] = process.argv.slice(2);
const figures =
  mode === "memory"
    ? inMemory(Number(args[0]))
    : await fromFile(args[0], args[1], args[2] === undefined ? undefined : Number(args[2]));
console.log(JSON.stringify(figures));

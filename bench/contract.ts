// Prints how long the contract check takes to compile the spec's validators (once per spec) and
// how many recorded exchanges per second it then checks on one core: route, path, query, request
// body, status, media type and response body of every vendor-doc recording, over and over.
// The rate is measured in one-second windows: the first (V8 still optimising hundreds of
// generated validators) and the median of the second half (the steady rate of a long CI run).
// Usage: npx tsx bench/contract.ts [seconds]   (or: npm run bench:contract)
import { harFilesIn, readHar } from "../src/contract/check-files.ts";
import { ContractChecker } from "../src/contract/checker.ts";
import type { HarEntry } from "../src/contract/har.ts";
import { bundledSpecPath, loadSpec } from "../src/spec/document.ts";
import { ROOT } from "../scripts/lib/paths.ts";

const seconds = Math.max(2, Number(process.argv[2] ?? 10));
const entries: HarEntry[] = harFilesIn([`${ROOT}test/recordings/vendor-doc/`]).flatMap((file) => {
  const read = readHar(file);
  return "har" in read ? read.har.log.entries : [];
});
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
const format = (rate: number) => `${Math.round(rate).toLocaleString("en")} recorded responses/s`;

console.log(`operations in the spec:      ${checker.operations.length}`);
console.log(`first compile (load + all):  ${compileMs.toFixed(0)} ms`);
console.log(
  `recordings:                  ${entries.length} (response body median ${bodyBytes[bodyBytes.length >> 1]} B, max ${bodyBytes.at(-1)} B)`,
);
console.log(`first second:                ${format(rates[0]!)}`);
console.log(`steady (median, one core):   ${format(steady[steady.length >> 1]!)}`);

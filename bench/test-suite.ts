// Prints how long `npm test` takes on this machine: the wall time of each run, whether it passed,
// and its slowest steps (scripts/test.ts writes their times). The test's own output goes to a log.
// Usage: npm run bench:test [-- --runs 5] [--busy]
//   --busy   two busy loops (`yes > /dev/null`) hold both cores for the whole measurement, as the
//            "loaded" figure of the README asks; they are stopped when it ends.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine } from "../scripts/lib/command-line.ts";
import { ROOT } from "../scripts/lib/paths.ts";

const USAGE = "Usage: npm run bench:test [-- --runs <n>] [--busy]";
const args = parseCommandLine(
  process.argv.slice(2),
  { runs: { type: "string", default: "1" }, busy: { type: "boolean", default: false } } as const,
  USAGE,
);
if (!args) process.exit(2);
const runs = Number(args.values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs ${args.values.runs} is not a number of runs\n\n${USAGE}`);
  process.exit(2);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const dir = mkdtempSync(join(tmpdir(), "ngorder-bench-test-"));
const busy: ChildProcess[] = args.values.busy
  ? [0, 1].map(() => spawn("yes", [], { stdio: ["ignore", "ignore", "ignore"] }))
  : [];

try {
  const walls: number[] = [];
  let passed = 0;
  for (let run = 1; run <= runs; run++) {
    const times = join(dir, `times-${run}.json`);
    const log = join(dir, `npm-test-${run}.log`);
    const out = createWriteStream(log);
    const started = performance.now();
    const child = spawn("npm", ["test"], { cwd: ROOT, env: { ...process.env, NGORDER_TEST_TIMES: times } });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    const [code] = (await once(child, "close")) as [number | null];
    const wall = performance.now() - started;
    walls.push(wall);
    if (code === 0) passed++;
    const stepTimes = existsSync(times) ? (JSON.parse(readFileSync(times, "utf8")) as Record<string, number>) : {};
    const steps = Object.entries(stepTimes)
      .filter(([name]) => name !== "total")
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([name, ms]) => `${name} ${seconds(ms)}`);
    console.log(
      `run ${run}: ${code === 0 ? "passed" : `FAILED (exit ${code}; its output is below)`} in ${seconds(wall)} wall; slowest steps: ${steps.join(", ")}`,
    );
    if (code !== 0) console.log(readFileSync(log, "utf8"));
  }
  const sorted = [...walls].sort((a, b) => a - b);
  console.log(
    `npm test${args.values.busy ? " with two busy loops on both cores" : ""}: ${passed} of ${runs} passed; ` +
      `wall ${seconds(sorted[0]!)} to ${seconds(sorted.at(-1)!)}, median ${seconds(sorted[Math.floor((runs - 1) / 2)]!)}`,
  );
  process.exitCode = passed === runs ? 0 : 1;
} finally {
  for (const loop of busy) loop.kill();
  rmSync(dir, { recursive: true, force: true });
}

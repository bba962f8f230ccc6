// npm test: every check of the repository, side by side, each step's time printed as it ends.
//   drift check   regenerates generated/ and fails when it differs from what is committed
//   lint:spec     Redocly on the source; Spectral and the official schema on generated/openapi.json
//   lint:code     ESLint and Prettier
//   typecheck     tsc on everything
//   vitest        the tests (its own output, live)
// They share one bundle: generated/openapi.json as committed. Nothing waits for the drift check: it
// rewrites a file only when it changes, atomically (scripts/lib/write-if-changed.ts), so the others
// read the committed bundle and types, which the drift check proves are what the source generates.
// Arguments go to vitest: `npm test -- test/client` runs every step but only those test files.
// With NGORDER_TEST_TIMES=<file>, the steps' times are also written there as JSON (bench/test-suite.ts).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { formatProblems, lintBundle, redocly, type Problem } from "./lint.ts";
import { isMain, ROOT } from "./lib/paths.ts";

interface Outcome {
  ok: boolean;
  /** What to print when the step fails. */
  output: string;
}

interface Step {
  name: string;
  run(): Promise<Outcome>;
}

const BUNDLE = `${ROOT}generated/openapi.json`;

const fromProblems = (problems: Problem[]): Outcome => ({
  ok: problems.length === 0,
  output: formatProblems(problems),
});

/** An npm script of package.json, where its command and flags are written once. */
const script = (name: string) => () =>
  new Promise<Outcome>((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", name], { cwd: ROOT });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, output: output.trim() }));
  });

/** vitest writes to this terminal as it goes: its summary is the one thing a passing run prints at length. */
function vitest(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${ROOT}node_modules/.bin/vitest`, ["run", ...args], { cwd: ROOT, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, output: "" }));
  });
}

export function steps(vitestArgs: string[]): Step[] {
  return [
    { name: "vitest", run: () => vitest(vitestArgs) },
    { name: "typecheck (tsc)", run: script("typecheck") },
    { name: "drift check (generate)", run: script("check:generated") },
    { name: "lint:spec (Redocly, source)", run: () => redocly("spec/openapi.yaml").then(fromProblems) },
    { name: "lint:spec (Spectral, schema)", run: () => lintBundle(BUNDLE).then(fromProblems) },
    { name: "lint:code (ESLint)", run: script("lint:eslint") },
    { name: "lint:code (Prettier)", run: script("lint:prettier") },
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function runSteps(list: Step[]): Promise<{ ok: boolean; times: Record<string, number> }> {
  const started = performance.now();
  const times: Record<string, number> = {};
  const outcomes = await Promise.all(
    list.map(async (step) => {
      const outcome = await step.run().catch((error: unknown) => ({ ok: false, output: String(error) }));
      times[step.name] = performance.now() - started;
      const status = outcome.ok ? "ok  " : "FAIL";
      console.log(`${status} ${step.name.padEnd(30)} ${seconds(times[step.name]!).padStart(7)}`);
      if (!outcome.ok && outcome.output) console.log(`${outcome.output.replace(/^/gm, "     ")}\n`);
      return outcome;
    }),
  );
  times.total = performance.now() - started;
  const failed = list.filter((_, i) => !outcomes[i]!.ok).map((s) => s.name);
  console.log(
    failed.length
      ? `npm test: FAIL (${failed.join(", ")}) in ${seconds(times.total)}`
      : `npm test: ok in ${seconds(times.total)}`,
  );
  return { ok: failed.length === 0, times };
}

if (isMain(import.meta.url)) {
  const { ok, times } = await runSteps(steps(process.argv.slice(2)));
  if (process.env.NGORDER_TEST_TIMES) writeFileSync(process.env.NGORDER_TEST_TIMES, JSON.stringify(times));
  process.exitCode = ok ? 0 : 1;
}

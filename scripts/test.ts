// npm test: every check of the repository, side by side, each step's time printed as it ends.
//   drift check   regenerates generated/ and fails when it differs from what is committed
//   lint:spec     Redocly on the source; Spectral and the official schema on generated/openapi.json
//   lint:code     ESLint and Prettier
//   typecheck     tsc on everything
//   vitest        the tests (its own output, live)
// They share one bundle: generated/openapi.json as committed. Nothing waits for the drift check: it
// rewrites a file only when it changes, atomically (scripts/lib/write-if-changed.ts), so the others
// read the committed bundle and types, which the drift check proves are what the source generates.
// The drift check, the spec's lint and tsc are functions of files only: each is skipped while its
// inputs (file names and contents, the dependencies' versions, and for the drift check git's record
// of the generated files) are what they were when it last passed, as ESLint and Prettier do per file
// with their own caches. A fresh clone (CI) has no record; NGORDER_TEST_CACHE=off runs every step.
// Arguments go to vitest: `npm test -- test/client` runs every step but only those test files.
// With NGORDER_TEST_TIMES=<file>, the steps' times are also written there as JSON (bench/test-suite.ts).
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter } from "node:path";
import { formatProblems, lintBundle, redocly, type Problem } from "./lint.ts";
import { inputsHash, isUpToDate, stampBuilt, type CachedBuild } from "./lib/build-cache.ts";
import { GENERATED_FILES } from "./lib/generated-files.ts";
import { isMain, ROOT } from "./lib/paths.ts";

export interface Outcome {
  ok: boolean;
  /** What to print when the step fails. */
  output: string;
  /** It did not run: its inputs are as they were when it last passed. */
  reused?: boolean;
}

export interface Step {
  name: string;
  run(): Promise<Outcome>;
  /** The files (from the repository's root) the outcome depends on, and anything else it does; `scripts/` holds every step's runner. */
  inputs?: { paths: string[]; salt?: () => string };
}

const BUNDLE = `${ROOT}generated/openapi.json`;

const fromProblems = (problems: Problem[]): Outcome => ({
  ok: problems.length === 0,
  output: formatProblems(problems),
});

const SCRIPTS = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: Record<string, string> })
  .scripts;

/**
 * An npm script of package.json (where its command and flags are written once), run by the shell
 * with node_modules/.bin first on PATH, as npm runs it, without npm's own start-up.
 */
const script = (name: string) => () =>
  new Promise<Outcome>((resolve, reject) => {
    const env = { ...process.env, PATH: `${ROOT}node_modules/.bin${delimiter}${process.env.PATH ?? ""}` };
    const child = spawn("sh", ["-c", SCRIPTS[name]!], { cwd: ROOT, env });
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

const TYPECHECKED = (JSON.parse(readFileSync(`${ROOT}tsconfig.json`, "utf8")) as { include: string[] }).include;

/** The generated files as git records them (index and HEAD): the drift check compares with them. */
const committedGenerated = () =>
  execFileSync("git", ["ls-files", "--stage", "--", ...GENERATED_FILES], { cwd: ROOT, encoding: "utf8" }) +
  execFileSync("git", ["ls-tree", "-r", "HEAD", "--", ...GENERATED_FILES], { cwd: ROOT, encoding: "utf8" });

export function steps(vitestArgs: string[]): Step[] {
  return [
    { name: "vitest", run: () => vitest(vitestArgs) },
    {
      name: "typecheck (tsc)",
      run: script("typecheck"),
      // tsconfig.json's files, and the dependencies' types by their versions.
      inputs: { paths: [...TYPECHECKED, "tsconfig.json", "package-lock.json"] },
    },
    {
      name: "drift check (generate)",
      run: script("check:generated"),
      // What the generators read (the source, their code and the spec model in src/, the vendor doc),
      // the tools' versions, and what they write.
      inputs: {
        paths: ["spec", "scripts", "src", "vendor", "redocly.yaml", "package-lock.json", ...GENERATED_FILES],
        salt: committedGenerated,
      },
    },
    {
      name: "lint:spec (Redocly, source)",
      run: () => redocly("spec/openapi.yaml").then(fromProblems),
      inputs: { paths: ["spec", "redocly.yaml", "scripts", "package-lock.json"] },
    },
    {
      name: "lint:spec (Spectral, schema)",
      run: () => lintBundle(BUNDLE).then(fromProblems),
      inputs: { paths: ["generated/openapi.json", ".spectral.yaml", "scripts", "package-lock.json"] },
    },
    { name: "lint:code (ESLint)", run: script("lint:eslint") },
    { name: "lint:code (Prettier)", run: script("lint:prettier") },
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs the step, unless its inputs are what they were when it last passed; records a pass. */
export async function runOrReuse(step: Step): Promise<Outcome> {
  if (!step.inputs || process.env.NGORDER_TEST_CACHE === "off") return step.run();
  const stamp = `${ROOT}build/test-steps/${step.name.replace(/\W+/g, "-")}.sha256`;
  const record: CachedBuild = { output: stamp, stamp, inputs: step.inputs.paths, salt: step.inputs.salt?.() };
  const hash = inputsHash(record);
  if (isUpToDate(record, hash)) return { ok: true, output: "", reused: true };
  rmSync(stamp, { force: true });
  const outcome = await step.run();
  if (outcome.ok) stampBuilt(record, hash);
  return outcome;
}

export async function runSteps(list: Step[]): Promise<{ ok: boolean; times: Record<string, number> }> {
  const started = performance.now();
  const times: Record<string, number> = {};
  const outcomes = await Promise.all(
    list.map(async (step) => {
      const outcome = await runOrReuse(step).catch((error: unknown): Outcome => ({ ok: false, output: String(error) }));
      times[step.name] = performance.now() - started;
      const status = outcome.ok ? "ok  " : "FAIL";
      const note = outcome.reused ? "  (inputs unchanged since it passed)" : "";
      console.log(`${status} ${step.name.padEnd(30)} ${seconds(times[step.name]!).padStart(7)}${note}`);
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

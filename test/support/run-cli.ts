// Runs a command inside the test's own process, as its bin runs it: `runCli` evaluates an entry
// module (src/contract/cli.ts, record-cli.ts) afresh with `process.argv` set; `runMain` calls a
// script's exported `main(argv)`. Output is captured and the exit status read. No process to start
// and nothing to load or compile again for each call: the modules it imports stay loaded. One
// compiled-bin test per bin (test/contract/compiled-cli.test.ts, test/client/package.test.ts)
// proves the shipped JavaScript runs the same way.
import { pathToFileURL } from "node:url";
import { vi } from "vitest";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory of the run (relative paths on the command line are read from it). */
  cwd?: string;
  /** Environment variables set for the run, restored after it (an empty string unsets one). */
  env?: Record<string, string>;
}

let runs = 0;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `entry` (an absolute path) with `args`, as `node entry args...` would. */
export function runCli(entry: string, args: string[], options: CliOptions = {}): Promise<CliRun> {
  return borrowingTheProcess(options, async () => {
    process.argv = [process.execPath, entry, ...args];
    // A query of its own makes the module a new one, so its top level (the command) runs again.
    await import(/* @vite-ignore */ `${pathToFileURL(entry).href}?run=${++runs}`);
    return Number(process.exitCode ?? 0);
  });
}

/** Calls a script's `main(argv)`, which returns its exit status. */
export function runMain(
  main: (argv: string[]) => number | Promise<number>,
  args: string[],
  options: CliOptions = {},
): Promise<CliRun> {
  return borrowingTheProcess(options, async () => main(args));
}

const text = (chunk: unknown) =>
  typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");

/** One run at a time: it sets the process's argv, exit code, cwd, environment and output. */
function borrowingTheProcess(options: CliOptions, run: () => Promise<number>): Promise<CliRun> {
  const next = queue.then(() => captured(options, run));
  queue = next.catch(() => undefined);
  return next;
}

async function captured({ cwd, env = {} }: CliOptions, run: () => Promise<number>): Promise<CliRun> {
  const out = { stdout: "", stderr: "" };
  const saved = { argv: process.argv, exitCode: process.exitCode, cwd: process.cwd() };
  const savedEnv = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const errorListeners = process.stdout.listeners("error");
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => ((out.stdout += text(chunk)), true)),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => ((out.stderr += text(chunk)), true)),
    vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (out.stdout += `${parts.join(" ")}\n`)),
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void (out.stderr += `${parts.join(" ")}\n`)),
  ];
  try {
    process.exitCode = undefined;
    for (const [name, value] of Object.entries(env)) {
      if (value === "") delete process.env[name];
      else process.env[name] = value;
    }
    if (cwd) process.chdir(cwd);
    const code = await run();
    return { code, ...out };
  } finally {
    for (const spy of spies) spy.mockRestore();
    for (const listener of process.stdout.listeners("error"))
      if (!errorListeners.includes(listener)) process.stdout.off("error", listener as () => void);
    process.chdir(saved.cwd);
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

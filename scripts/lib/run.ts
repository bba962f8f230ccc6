// Runs a project binary (node_modules/.bin) and returns its output; throws with its stderr on failure.
// `run` waits; `runAsync` lets the caller run other steps meanwhile (npm test runs its steps side by side).
import { spawn, spawnSync } from "node:child_process";
import { ROOT } from "./paths.ts";

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  allowFailure?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const binary = (bin: string) => `${ROOT}node_modules/.bin/${bin}`;

function environment(opts: RunOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_COLOR: "1",
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    ...opts.env,
  };
}

function checked(bin: string, args: string[], out: RunResult, opts: RunOptions): RunResult {
  if (out.status !== 0 && !opts.allowFailure) {
    throw new Error(`${bin} ${args.join(" ")} exited ${out.status}\n${out.stdout}\n${out.stderr}`);
  }
  return out;
}

export function run(bin: string, args: string[], opts: RunOptions = {}): RunResult {
  const result = spawnSync(binary(bin), args, {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: environment(opts),
  });
  if (result.error) throw result.error;
  return checked(
    bin,
    args,
    { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" },
    opts,
  );
}

export function runAsync(bin: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(bin), args, { cwd: opts.cwd ?? ROOT, env: environment(opts) });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const out = {
        status: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      };
      try {
        resolve(checked(bin, args, out, opts));
      } catch (error) {
        reject(error);
      }
    });
  });
}

// Runs a project binary (node_modules/.bin) and returns its output; throws with its stderr on failure.
import { spawnSync } from "node:child_process";
import { ROOT } from "./paths.ts";

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(
  bin: string,
  args: string[],
  opts: { allowFailure?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): RunResult {
  const result = spawnSync(`${ROOT}node_modules/.bin/${bin}`, args, {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      NO_COLOR: "1",
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      ...opts.env,
    },
  });
  const out = { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  if (result.error) throw result.error;
  if (out.status !== 0 && !opts.allowFailure) {
    throw new Error(`${bin} ${args.join(" ")} exited ${out.status}\n${out.stdout}\n${out.stderr}`);
  }
  return out;
}

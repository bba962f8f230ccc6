// Build outputs reused while their inputs are unchanged: a SHA-256 of the inputs (file names and
// contents) is kept beside the output, and one process builds at a time (scripts/lib/build-lock.ts),
// so a test run builds the docs site or the package at most once and the next run not at all.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { withLock } from "./build-lock.ts";
import { ROOT } from "./paths.ts";

export interface CachedBuild {
  /** The output (a file or folder); it must exist to be up to date. */
  output: string;
  /** Files and folders (relative to the repository) the output is built from. */
  inputs: string[];
  /** Where the inputs' hash is kept once the output is built. */
  stamp: string;
  /** Anything else the output depends on (an environment variable's value). */
  salt?: string;
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

export function inputsHash({ inputs, salt = "" }: CachedBuild): string {
  const hash = createHash("sha256").update(`${salt}\n`);
  for (const file of inputs.flatMap((input) => filesUnder(`${ROOT}${input}`)))
    hash.update(`${file.slice(ROOT.length)}\n`).update(readFileSync(file));
  return hash.digest("hex");
}

export const isUpToDate = (cache: CachedBuild, hash = inputsHash(cache)): boolean =>
  existsSync(cache.output) && existsSync(cache.stamp) && readFileSync(cache.stamp, "utf8") === hash;

/** Records that the output now matches its inputs (call it at the end of a build). */
export function stampBuilt(cache: CachedBuild, hash = inputsHash(cache)): void {
  mkdirSync(dirname(cache.stamp), { recursive: true });
  writeFileSync(cache.stamp, hash);
}

/** Runs `build` unless the output is up to date, holding `lock` while it checks and builds. */
export function ensureBuilt(cache: CachedBuild, lock: string, build: () => void): void {
  if (isUpToDate(cache)) return;
  withLock(lock, () => {
    if (!isUpToDate(cache)) build();
  });
}

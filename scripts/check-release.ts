// The release gate CI runs on pull requests: npm run check:release -- <base-ref> [<head-ref>]
// Compares the spec at the two git refs (head: HEAD) and fails when a change breaks clients
// without a major version and a CHANGELOG.md entry, or when package.json's version and the
// spec's info.version differ. Exit status: 0 may be released, 1 may not, 2 on a usage error.
import { execFileSync } from "node:child_process";
import { formatChanges } from "./diff.ts";
import { parseCommandLine } from "./lib/command-line.ts";
import { isMain, ROOT } from "./lib/paths.ts";
import { checkRelease, type ReleaseState } from "./lib/release.ts";
import { specAtRef } from "./lib/spec-source.ts";

const USAGE = `Usage: npm run check:release -- <base-ref> [<head-ref>] [--repo <dir>]

Fails when the spec at <head-ref> (default HEAD) breaks clients of the spec at <base-ref> without
a major version bump and a CHANGELOG.md entry, or when package.json's version and info.version differ.`;

function fileAt(repo: string, ref: string, path: string): string | undefined {
  try {
    return execFileSync("git", ["show", `${ref}:${path}`], {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    return undefined;
  }
}

export function releaseStateAt(repo: string, ref: string): ReleaseState {
  const pkg = fileAt(repo, ref, "package.json");
  if (pkg === undefined) throw new Error(`${ref}: no package.json at that ref of ${repo}`);
  return {
    version: String(JSON.parse(pkg).version),
    spec: specAtRef(ref, repo),
    changelog: fileAt(repo, ref, "CHANGELOG.md") ?? "",
  };
}

export function main(argv: string[]): number {
  const args = parseCommandLine(argv, { repo: { type: "string", default: ROOT } } as const, USAGE);
  if (!args) return 2;
  const [baseRef, headRef = "HEAD", ...rest] = args.positionals;
  if (!baseRef || rest.length || baseRef.startsWith("-") || headRef.startsWith("-")) {
    console.error(USAGE);
    return 2;
  }
  let verdict;
  try {
    verdict = checkRelease(releaseStateAt(args.values.repo, baseRef), releaseStateAt(args.values.repo, headRef));
  } catch (error) {
    console.error(`check:release: ${(error as Error).message}`);
    return 2;
  }
  console.log(formatChanges(verdict.changes));
  for (const problem of verdict.problems) console.log(`FAIL: ${problem}`);
  if (!verdict.problems.length) console.log(`ok: ${headRef} may be released after ${baseRef}`);
  return verdict.problems.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = main(process.argv.slice(2));

// Regenerates generated/ and fails when it differs from what is committed, so a stale bundle,
// type file or SDK never lands. Run after changing spec/ and commit what it writes.
import { execFileSync } from "node:child_process";
import { generateAll } from "./generate.ts";
import { GENERATED_FILES } from "./lib/generated-files.ts";
import { isMain, ROOT } from "./lib/paths.ts";

/** Regenerates; returns what is stale (git's list and diff stat), or undefined when nothing is. */
export async function staleGenerated(): Promise<string | undefined> {
  await generateAll();
  const status = execFileSync("git", ["status", "--porcelain", "--", ...GENERATED_FILES], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (!status.trim()) return undefined;
  const diff = execFileSync("git", ["diff", "--stat", "--", ...GENERATED_FILES], { cwd: ROOT, encoding: "utf8" });
  return `generated/ is stale: run \`npm run generate\` and commit the result.\n${status}${diff}`;
}

if (isMain(import.meta.url)) {
  const stale = await staleGenerated();
  if (stale) {
    console.error(stale);
    process.exit(1);
  }
  console.log("generated/ is up to date");
}

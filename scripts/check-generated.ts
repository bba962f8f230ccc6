// Regenerates generated/ and fails when it differs from what is committed, so a stale bundle,
// type file or SDK never lands. Run after changing spec/ and commit what it writes.
import { execFileSync } from "node:child_process";
import { generateAll } from "./generate.ts";
import { ROOT } from "./lib/paths.ts";

/** Everything `npm run generate` writes, including the recordings derived from the spec. */
const CHECKED = ["generated", "DOC-DEFECTS.md", "test/recordings/vendor-doc"];

await generateAll();
const status = execFileSync("git", ["status", "--porcelain", "--", ...CHECKED], { cwd: ROOT, encoding: "utf8" });
if (status.trim()) {
  const diff = execFileSync("git", ["diff", "--stat", "--", ...CHECKED], { cwd: ROOT, encoding: "utf8" });
  console.error(`generated/ is stale: run \`npm run generate\` and commit the result.\n${status}${diff}`);
  process.exit(1);
}
console.log("generated/ is up to date");

// Where the repository is, and whether a script was run directly: the one definition of each that
// scripts, benches and tests share.
import { realpathSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root, with a trailing slash. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Whether the module at `moduleUrl` is the one node (or tsx) was asked to run. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

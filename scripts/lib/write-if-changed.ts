// Writes generated files only when their content changes, each through a temporary file renamed
// into place: npm test reads generated/ while its drift check regenerates it, and a reader must
// see the old file or the new one, never half of one (nor a fresh mtime on an unchanged file).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Writes `content` to `path` unless it already holds exactly that; returns whether it wrote. */
export function writeIfChanged(path: string, content: string): boolean {
  if (existsSync(path) && readFileSync(path, "utf8") === content) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
  return true;
}

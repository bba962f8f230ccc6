// A copy of spec/ in a temporary folder, with edits planted in it, for tests that lint or bundle a
// changed spec without touching the real one; and the lint problems the repository's lint ignores
// by file name (.redocly.lint-ignore.yaml), which a copy elsewhere would report again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import type { Problem } from "../../scripts/lint.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

export interface SpecEdit {
  /** A file under spec/, e.g. `operations/warehouse/getWarehouse.yaml`. */
  file: string;
  /** The new text of the file; it must change it. */
  edit: (text: string) => string;
}

/** Copies spec/ into `dir` (a new temporary folder by default) with the edits applied; returns the copy's root file. */
export function specCopy(edits: SpecEdit[], dir = mkdtempSync(join(tmpdir(), "ngorder-spec-"))): string {
  cpSync(`${ROOT}spec`, join(dir, "spec"), { recursive: true });
  for (const { file, edit } of edits) {
    const path = join(dir, "spec", file);
    const before = readFileSync(path, "utf8");
    const after = edit(before);
    if (after === before) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the edit of ${file} changed nothing: its text is not what the test expects`);
    }
    writeFileSync(path, after);
  }
  return join(dir, "spec", "openapi.yaml");
}

const ignored = parse(readFileSync(`${ROOT}.redocly.lint-ignore.yaml`, "utf8"))["spec/openapi.yaml"] as Record<
  string,
  string[]
>;

/** Whether the repository's lint ignores this problem (found in a copy of spec/openapi.yaml). */
export const ignoredByTheRepository = (p: Problem): boolean =>
  Object.entries(ignored).some(
    ([rule, pointers]) => p.tool === `redocly ${rule}` && pointers.some((pointer) => p.where.endsWith(pointer)),
  );

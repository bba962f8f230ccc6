// npm run diff -- <old> <new> [--report json]: lists every change between two OpenAPI documents,
// each classified for a client of the API. <old>/<new>: a bundled openapi.json, a YAML source
// root (spec/openapi.yaml) or a git ref of this repository (main, HEAD, v1.0.0), bundled as it was.
// Exit status: 1 when a change breaks clients, 0 when none does, 2 on a usage error.
import { printable } from "../src/contract/printable.ts";
import { parseCommandLine } from "./lib/command-line.ts";
import { isMain } from "./lib/paths.ts";
import { diffSpecs, isBreaking, placeOf, type SpecChange } from "./lib/spec-diff.ts";
import { loadSpecSource } from "./lib/spec-source.ts";

const USAGE = `Usage: npm run diff -- <old> <new> [--report text|json]

<old>, <new>: a bundled openapi.json, a YAML source root (spec/openapi.yaml), or a git ref of this
repository (main, HEAD, a tag), whose spec/ is bundled as it was at that ref.
Exit status: 1 when any change breaks clients, 0 when none does, 2 on a usage error.`;

export function formatChanges(changes: SpecChange[]): string {
  const lines = changes.map((c) => printable(`${c.classification.padEnd(12)} ${placeOf(c)}: ${c.description}`));
  const breaking = changes.filter((c) => c.classification === "breaking").length;
  lines.push(
    breaking
      ? `BREAKING: ${breaking} of ${changes.length} change(s) break clients`
      : `ok: ${changes.length} change(s), none breaks clients`,
  );
  return lines.join("\n");
}

export function main(argv: string[]): number {
  const args = parseCommandLine(argv, { report: { type: "string", default: "text" } } as const, USAGE);
  if (!args) return 2;
  const { values, positionals } = args;
  if (positionals.length !== 2 || (values.report !== "text" && values.report !== "json")) {
    console.error(USAGE);
    return 2;
  }
  const [oldSource, newSource] = positionals as [string, string];
  let changes: SpecChange[];
  try {
    changes = diffSpecs(loadSpecSource(oldSource), loadSpecSource(newSource));
  } catch (error) {
    console.error(`diff: ${(error as Error).message}`);
    return 2;
  }
  const report = { old: oldSource, new: newSource, breaking: isBreaking(changes), changes };
  console.log(values.report === "json" ? JSON.stringify(report, null, 2) : formatChanges(changes));
  return report.breaking ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = main(process.argv.slice(2));

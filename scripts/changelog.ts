// npm run changelog -- <old> <new> [--version 2.0.0]: drafts a CHANGELOG.md entry (Keep a
// Changelog) from the changes between two specs (files or git refs, as for npm run diff), one line
// per operation and kind of change, named by the operation's section and title. Edit it by hand.
import { parseCommandLine } from "./lib/command-line.ts";
import { isMain } from "./lib/paths.ts";
import { diffSpecs, placeOf, type SpecChange } from "./lib/spec-diff.ts";
import { loadSpecSource } from "./lib/spec-source.ts";
import { printable } from "../src/contract/printable.ts";

const USAGE = `Usage: npm run changelog -- <old> <new> [--version <x.y.z>] [--date <yyyy-mm-dd>]

Prints a draft CHANGELOG.md entry for the changes from <old> to <new> (a bundled openapi.json, a
YAML source root or a git ref). Without --version the heading is "## [Unreleased]".`;

/** Keep a Changelog's sections, in its order. */
const SECTIONS = ["Added", "Changed", "Deprecated", "Removed"] as const;
type Section = (typeof SECTIONS)[number];

function sectionOf(change: SpecChange): Section {
  if (change.classification === "deprecated") return "Deprecated";
  if (change.classification === "annotation") return "Changed";
  return change.action === "add" ? "Added" : change.action === "remove" ? "Removed" : "Changed";
}

/** "[Removed] property `x` from `data`" → "property `x` from `data`". */
const withoutVerb = (description: string) => description.replace(/^\[\w+\]\s*/, "");

export function draftChangelog(changes: SpecChange[], heading: string): string {
  const lines = [heading];
  for (const section of SECTIONS) {
    const byPlace = new Map<string, SpecChange[]>();
    for (const change of changes.filter((c) => sectionOf(c) === section)) {
      const place = placeOf(change);
      byPlace.set(place, [...(byPlace.get(place) ?? []), change]);
    }
    if (!byPlace.size) continue;
    lines.push("", `### ${section}`, "");
    for (const [place, list] of byPlace) {
      const breaking = list.some((c) => c.classification === "breaking") ? "**Breaking:** " : "";
      const what = [...new Set(list.map((c) => withoutVerb(c.description)))].join("; ");
      lines.push(printable(`- ${breaking}${place}: ${what}.`));
    }
  }
  if (lines.length === 1) lines.push("", "No change a client can see.");
  return lines.join("\n");
}

export function main(argv: string[]): number {
  const options = {
    version: { type: "string" },
    date: { type: "string", default: new Date().toISOString().slice(0, 10) },
  } as const;
  const args = parseCommandLine(argv, options, USAGE);
  if (!args) return 2;
  const { values, positionals } = args;
  if (positionals.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  let changes: SpecChange[];
  try {
    changes = diffSpecs(loadSpecSource(positionals[0]!), loadSpecSource(positionals[1]!));
  } catch (error) {
    console.error(`changelog: ${(error as Error).message}`);
    return 2;
  }
  const heading = values.version ? `## [${values.version}] - ${values.date}` : "## [Unreleased]";
  console.log(draftChangelog(changes, heading));
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = main(process.argv.slice(2));

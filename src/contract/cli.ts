#!/usr/bin/env node
// ngorder-contract: checks recorded HAR files (and NDJSON traffic logs) against the Ngorder
// OpenAPI contract. Exit status: 0 when every entry conforms, 1 on any failure, 2 on a usage error.
import { parseArgs } from "node:util";
import { bundledSpecPath, loadSpec } from "../spec/document.ts";
import type { ContractReport, ReportedFailure } from "./check-files.ts";
import { CHECKER_PEERS, PROPOSE_PEERS, requirePeers } from "./peers.ts";

await requirePeers("ngorder-contract", CHECKER_PEERS);
const { checkerFor, specFailures } = await import("./check-files.ts");
const { checkFiles } = await import("./check-parallel.ts");
const { formatJunitReport } = await import("./format-junit.ts");
const { formatMarkdownReport } = await import("./format-markdown.ts");
const { escapeControl, formatTextReport, jsonReportWriter, textReportWriter } = await import("./format-report.ts");
const { createProgress, formatBytes } = await import("./progress.ts");

/** Formats of the whole report; text and JSON are also written failure by failure (see main). */
const REPORTS: Record<string, (report: ContractReport) => string> = {
  text: formatTextReport,
  json: (report) => JSON.stringify(report, null, 2),
  junit: formatJunitReport,
  markdown: formatMarkdownReport,
};

/** Each thread holds its own compiled validators and heap (about 90 MB). */
const MAX_JOBS = 16;

const USAGE = `Usage: ngorder-contract [options] <file.har | file.ndjson | directory>...

Checks every recorded exchange against the OpenAPI contract: the operation (method and path
under the server's base path), the request's path, query and body, and the response's status,
media type and body. Undocumented properties, missing required ones, wrong types, undocumented
statuses and unmatched URLs fail. Prints the failures, then which operations have a recording.
Reads HAR files of any size, and NDJSON (one HAR entry per line, .ndjson or .jsonl).

Options:
  --spec <openapi.json>   bundled spec to check against (default: the one in this package)
  --base-path <path>      base path of the recorded URLs (default: from the spec's servers)
  --report <format>       text (default), json, junit (one test case per recorded operation)
                          or markdown (for job summaries and pull-request comments)
  --jobs <n>              threads that check entries (default: when the recordings add
                          up to 64 MB or more, one per core, at most 2; else 1); each
                          holds about 90 MB; the report is the same, in the same order
  --propose <spec-dir>    print a patch of the spec source (spec/) that would make the failing
                          recordings pass: undocumented response members added, types widened
                          (the report goes to stderr; the spec is never edited)
  -h, --help              show this help`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: "string" },
        "base-path": { type: "string", multiple: true },
        report: { type: "string", default: "text" },
        propose: { type: "string" },
        jobs: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${escapeControl((error as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = REPORTS[values.report];
  if (positionals.length === 0 || !Object.hasOwn(REPORTS, values.report) || !format) {
    console.error(USAGE);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= MAX_JOBS)) {
    console.error(
      `--jobs must be a whole number from 1 to ${MAX_JOBS}, not ${escapeControl(String(values.jobs))}\n\n${USAGE}`,
    );
    return 2;
  }
  // Text and JSON are written as failures are found, so any number of them fits; the other
  // formats and --propose need the whole report.
  const streamed = !values.propose && (values.report === "text" || values.report === "json");
  const write = (text: string) => void process.stdout.write(text);
  const collected: ReportedFailure[] = [];
  let report: ContractReport;
  try {
    const { checker, specPath } = checkerFor({
      ...(values.spec ? { specPath: values.spec } : {}),
      ...(values["base-path"] ? { basePaths: values["base-path"].map((p) => p.replace(/\/+$/, "")) } : {}),
    });
    const writer = !streamed
      ? { failure: (f: ReportedFailure) => void collected.push(f), end: () => {} }
      : values.report === "json"
        ? jsonReportWriter(write, specPath)
        : textReportWriter(write);
    const progress = createProgress({
      stream: process.stderr,
      verb: "checked",
      amount: formatBytes,
      rateUnit: "entries",
    });
    const compileFailures = specFailures(checker, specPath);
    compileFailures.forEach(writer.failure);
    const listener = {
      failure: writer.failure,
      progress: (bytes: number, total: number, entries: number) => progress.update(bytes, total, entries),
    };
    const summary = await checkFiles(checker, positionals, specPath, listener, jobs);
    progress.end();
    summary.failureCount += compileFailures.length;
    writer.end(summary);
    const { failureCount, ...rest } = summary;
    if (streamed) return failureCount ? 1 : 0;
    report = { ...rest, failures: collected };
  } catch (error) {
    console.error(`ngorder-contract: ${escapeControl((error as Error).message)}`);
    return 2;
  }
  if (values.propose) {
    await requirePeers("ngorder-contract --propose", PROPOSE_PEERS);
    const { proposeSpecEdits } = await import("./propose.ts");
    try {
      const { proposals, patch, skipped } = proposeSpecEdits(
        report,
        loadSpec(values.spec ?? bundledSpecPath()),
        values.propose,
      );
      console.error(format(report));
      console.error(
        `propose: ${proposals.length} edit(s) of ${values.propose}; ${skipped.length} failure(s) need a hand`,
      );
      process.stdout.write(patch);
    } catch (error) {
      console.error(`ngorder-contract --propose: ${escapeControl((error as Error).message)}`);
      return 2;
    }
  } else console.log(format(report));
  return report.failures.length ? 1 : 0;
}

// A reader that stops early (`| head`) is not an error of the check.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});
process.exitCode = await main(process.argv.slice(2));

// Renders a contract report as text (one line per failure, then the coverage of operations) or
// JSON, either whole or streamed failure by failure. Everything quoted from a recording is data:
// control characters (C0, DEL, C1, line and paragraph separators, bidirectional overrides) are
// written as escapes, so nothing in a file can move a terminal's cursor or recolour it.
import type { ContractReport, ReportedFailure, ReportSummary } from "./check-files.ts";
import { printable, printableLine } from "./printable.ts";

const MAX_FIELD = 2000;

/** Text with every control character shown as its code point (`\u001b`, `\u202e`), on one line. */
export const escapeControl = printableLine;

/** Recorded text as a report quotes it: cut to a readable length. */
const clip = (text: string) => (text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD)}…` : text);

/** JSON text that is also safe on a terminal: the control characters JSON leaves raw become \u escapes. */
export function jsonText(value: unknown, indent?: number): string {
  return printable(JSON.stringify(value, null, indent));
}

/** "file entry 3 (comment): GET /warehouse/{id} getWarehouse: response.body /data/id must be integer [#/...]" */
export function formatFailure(f: ReportedFailure): string {
  const entry = f.line === undefined ? `entry ${f.entry}` : `entry ${f.entry} (line ${f.line})`;
  const where =
    f.entry === undefined ? clip(f.file) : `${clip(f.file)} ${entry}${f.comment ? ` (${clip(f.comment)})` : ""}`;
  const operation = f.operation ? `${f.operation.method} ${f.operation.path} ${f.operation.id}` : clip(f.request ?? "");
  const pointer =
    f.location === "har" || f.location === "route" || f.location === "spec" ? "" : ` ${clip(f.pointer) || "(root)"}`;
  const rule = f.schemaPointer ? ` [${clip(f.schemaPointer)}]` : "";
  return escapeControl(
    `${where}: ${operation ? `${operation}: ` : ""}${f.location}${pointer} ${clip(f.message)}${rule}`,
  );
}

export function formatCoverage(report: Pick<ContractReport, "coverage">): string {
  const { covered, total, operations } = report.coverage;
  const percent = total ? Math.round((covered / total) * 100) : 0;
  const lines = [`coverage: ${covered} of ${total} operations have at least one recording (${percent}%)`];
  const missing = operations.filter((o) => o.recordings === 0);
  if (missing.length) {
    lines.push("  without a recording:");
    for (const o of missing) lines.push(`    ${o.method} ${o.path} ${o.id}${o.tag ? ` (${o.tag})` : ""}`);
  }
  return lines.join("\n");
}

/** The line after the failures: FAIL with their count, or ok. */
export function formatVerdict(summary: ReportSummary): string {
  const files = summary.files.length;
  return summary.failureCount
    ? `FAIL: ${summary.failureCount} failure(s) in ${summary.entries} entries of ${files} file(s)`
    : `ok: ${summary.entries} entries of ${files} file(s) conform to ${escapeControl(summary.spec)}`;
}

export function formatTextReport(report: ContractReport): string {
  const summary = { ...report, failureCount: report.failures.length };
  return [...report.failures.map(formatFailure), formatVerdict(summary), formatCoverage(report)].join("\n");
}

/** Writes a report as its failures are found: one call per failure, then one at the end. */
export interface ReportWriter {
  failure(failure: ReportedFailure): void;
  end(summary: ReportSummary): void;
}

export function textReportWriter(write: (text: string) => void): ReportWriter {
  return {
    failure: (failure) => write(`${formatFailure(failure)}\n`),
    end: (summary) => write(`${formatVerdict(summary)}\n${formatCoverage(summary)}\n`),
  };
}

/** The JSON report (`{spec, failures, files, entries, coverage}`), written failure by failure. */
export function jsonReportWriter(write: (text: string) => void, spec: string): ReportWriter {
  let count = 0;
  write(`{"spec":${jsonText(spec)},"failures":[`);
  return {
    failure: (failure) => write(`${count++ ? "," : ""}\n${jsonText(failure)}`),
    end: ({ files, entries, coverage }) =>
      write(`\n],"files":${jsonText(files)},"entries":${entries},"coverage":${jsonText(coverage, 2)}}\n`),
  };
}

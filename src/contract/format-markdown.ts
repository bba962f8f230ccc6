// Renders a contract report as Markdown for job summaries and pull-request comments: the verdict,
// the recorded operations, each failure with its recording, operation and JSON pointer, and the
// operations without a recording.
import type { ContractReport, ReportedFailure } from "./check-files.ts";
import { printable } from "./printable.ts";
import { recordingName, resultsByOperation } from "./report-by-operation.ts";

/** Most failures listed: a job summary holds 1 MiB. */
const MAX_ROWS = 500;

/** Recorded text in a table cell: nothing in it can become markup, a link or a new cell. */
const cell = (text: string) =>
  printable(text)
    .replace(/[\\`*_[\]#|~!]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\r\n\t]+/g, " ");

const where = (f: ReportedFailure) => `${f.location}${f.pointer ? ` ${f.pointer}` : ""}`;

export function formatMarkdownReport(report: ContractReport): string {
  const { operations, unmatched } = resultsByOperation(report);
  const failures = report.failures.length;
  const lines = [
    `## Ngorder contract check: ${failures ? "❌ FAIL" : "✅ pass"}`,
    "",
    failures
      ? `${failures} failure(s) in ${report.entries} recorded exchange(s) of ${report.files.length} file(s).`
      : `${report.entries} recorded exchange(s) of ${report.files.length} file(s) conform to the contract.`,
    "",
  ];
  if (operations.length) {
    lines.push("| Operation | Recordings | Broken |", "|---|---:|---:|");
    for (const { operation: o, broken } of operations)
      lines.push(
        `| ${cell(`${o.tag ? `${o.tag} › ` : ""}${o.method} ${o.path} ${o.id}`)} | ${o.recordings} | ${broken.length} |`,
      );
    if (unmatched.length) lines.push(`| matching no operation | | ${unmatched.length} |`);
    lines.push("");
  }
  if (failures) {
    lines.push("### Failures", "", "| Recording | Operation | Where | Problem |", "|---|---|---|---|");
    for (const f of report.failures.slice(0, MAX_ROWS)) {
      const operation = f.operation ? `${f.operation.method} ${f.operation.path} ${f.operation.id}` : (f.request ?? "");
      const problem = `${f.message}${f.schemaPointer ? ` [${f.schemaPointer}]` : ""}`;
      lines.push(`| ${cell(recordingName(f))} | ${cell(operation)} | ${cell(where(f))} | ${cell(problem)} |`);
    }
    if (failures > MAX_ROWS)
      lines.push("", `… and ${failures - MAX_ROWS} more failure(s): run with --report text for all.`);
    lines.push("");
  }
  const { covered, total } = report.coverage;
  const missing = report.coverage.operations.filter((o) => o.recordings === 0);
  lines.push(
    `<details><summary>Coverage: ${covered} of ${total} operations have at least one recording (${total ? Math.round((covered / total) * 100) : 0}%)</summary>`,
    "",
    ...missing.map((o) => `- ${cell(`${o.method} ${o.path} ${o.id}${o.tag ? ` (${o.tag})` : ""}`)}`),
    "",
    "</details>",
  );
  return lines.join("\n");
}

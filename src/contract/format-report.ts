// Renders a contract report as text: one line per failure, then the coverage of operations.
import type { ContractReport, ReportedFailure } from "./check-files.ts";

/** "file entry 3 (comment): GET /warehouse/{id} getWarehouse: response.body /data/id must be integer [#/...]" */
export function formatFailure(f: ReportedFailure): string {
  const where = f.entry === undefined ? f.file : `${f.file} entry ${f.entry}${f.comment ? ` (${f.comment})` : ""}`;
  const operation = f.operation ? `${f.operation.method} ${f.operation.path} ${f.operation.id}` : (f.request ?? "");
  const pointer =
    f.location === "har" || f.location === "route" || f.location === "spec" ? "" : ` ${f.pointer || "(root)"}`;
  const rule = f.schemaPointer ? ` [${f.schemaPointer}]` : "";
  return `${where}: ${operation ? `${operation}: ` : ""}${f.location}${pointer} ${f.message}${rule}`;
}

export function formatCoverage(report: ContractReport): string {
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

export function formatTextReport(report: ContractReport): string {
  const lines = report.failures.map(formatFailure);
  const files = report.files.length;
  const verdict = report.failures.length
    ? `FAIL: ${report.failures.length} failure(s) in ${report.entries} entries of ${files} file(s)`
    : `ok: ${report.entries} entries of ${files} file(s) conform to ${report.spec}`;
  return [...lines, verdict, formatCoverage(report)].join("\n");
}

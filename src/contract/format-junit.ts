// Renders a contract report as JUnit XML, which CI systems display natively: one test case per
// operation with recordings, one failure per broken recording; recordings that reach no operation
// (or are not HAR) fail one more test case.
import type { ContractReport } from "./check-files.ts";
import { formatFailure } from "./format-report.ts";
import { printable } from "./printable.ts";
import { recordingName, resultsByOperation, type BrokenRecording } from "./report-by-operation.ts";

/** XML text: control characters made visible (XML 1.0 forbids most), markup characters escaped. */
const xml = (text: string) =>
  printable(text).replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);

function failureElement(recording: BrokenRecording): string {
  const message = `${recordingName(recording)}: ${recording.failures.length} failure(s)`;
  const details = recording.failures.map(formatFailure).join("\n");
  return `      <failure type="contract" message="${xml(message)}">${xml(details)}</failure>`;
}

function testCase(classname: string, name: string, broken: BrokenRecording[]): string {
  const open = `    <testcase classname="${xml(classname)}" name="${xml(name)}"`;
  return broken.length ? `${open}>\n${broken.map(failureElement).join("\n")}\n    </testcase>` : `${open}/>`;
}

export function formatJunitReport(report: ContractReport): string {
  const { operations, unmatched } = resultsByOperation(report);
  const cases = operations.map(({ operation: o, broken }) =>
    testCase(o.tag ?? "operations", `${o.method} ${o.path} ${o.id} (${o.recordings} recording(s))`, broken),
  );
  if (unmatched.length) cases.push(testCase("recordings", "recordings that match no operation", unmatched));
  const failed = operations.filter((o) => o.broken.length).length + (unmatched.length ? 1 : 0);
  const counts = `tests="${cases.length}" failures="${failed}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ngorder-contract" ${counts}>`,
    `  <testsuite name="${xml(`contract: ${report.spec}`)}" ${counts}>`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
  ].join("\n");
}

// A contract report seen per operation, for the reports CI systems display: each recorded
// operation with its broken recordings, and the broken recordings that reached no operation.
import type { ContractReport, OperationCoverage, ReportedFailure } from "./check-files.ts";

export interface BrokenRecording {
  file: string;
  /** Position of the entry in the file's `log.entries`; absent when the file itself failed. */
  entry?: number;
  comment?: string;
  failures: ReportedFailure[];
}

export interface OperationResult {
  operation: OperationCoverage;
  broken: BrokenRecording[];
}

function brokenRecordings(failures: ReportedFailure[]): BrokenRecording[] {
  const byEntry = new Map<string, BrokenRecording>();
  for (const failure of failures) {
    const key = `${failure.file}\0${failure.entry ?? ""}`;
    let recording = byEntry.get(key);
    if (!recording) {
      recording = {
        file: failure.file,
        ...(failure.entry !== undefined ? { entry: failure.entry } : {}),
        ...(failure.comment ? { comment: failure.comment } : {}),
        failures: [],
      };
      byEntry.set(key, recording);
    }
    recording.failures.push(failure);
  }
  return [...byEntry.values()];
}

/** Operations that have recordings (in the spec's order), and failures outside any operation. */
export function resultsByOperation(report: ContractReport): {
  operations: OperationResult[];
  unmatched: BrokenRecording[];
} {
  const failuresOf = new Map<string, ReportedFailure[]>();
  const unmatched: ReportedFailure[] = [];
  for (const failure of report.failures) {
    if (!failure.operation) unmatched.push(failure);
    else failuresOf.set(failure.operation.id, [...(failuresOf.get(failure.operation.id) ?? []), failure]);
  }
  const operations = report.coverage.operations
    .filter((operation) => operation.recordings > 0)
    .map((operation) => ({ operation, broken: brokenRecordings(failuresOf.get(operation.id) ?? []) }));
  return { operations, unmatched: brokenRecordings(unmatched) };
}

/** "traffic.har entry 3" or "traffic.har". */
export const recordingName = (r: { file: string; entry?: number }) =>
  r.entry === undefined ? r.file : `${r.file} entry ${r.entry}`;

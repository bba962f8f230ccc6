// The library entry of the contract check: checks HAR files against a spec and reports every
// failure with its file, entry, operation and JSON pointer, plus which operations were recorded.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  ContractChecker,
  type CheckerOptions,
  type ContractFailure,
  type EntryResult,
  type OperationName,
} from "./checker.ts";
import type { Har } from "./har.ts";
import { bundledSpecPath, loadSpec } from "../spec/document.ts";

export interface ReportedFailure extends ContractFailure {
  file: string;
  /** Position of the entry in the file's `log.entries`, from 0; absent when the file itself fails. */
  entry?: number;
  comment?: string;
  request?: string;
  operation?: OperationName;
}

export interface OperationCoverage extends OperationName {
  tag?: string;
  /** Number of recorded entries that matched this operation. */
  recordings: number;
}

export interface ContractReport {
  spec: string;
  files: { file: string; entries: number }[];
  entries: number;
  failures: ReportedFailure[];
  coverage: { covered: number; total: number; operations: OperationCoverage[] };
}

export interface CheckFilesOptions extends CheckerOptions {
  /** Path of the bundled spec (JSON); default: the generated/openapi.json shipped in this package. */
  specPath?: string;
}

/** Expands directories into the `.har` files under them, sorted, so a report is stable. */
export function harFilesIn(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".har"))
      .sort()
      .map((name) => join(path, name));
  });
}

/** Reads a HAR file; a file that is not HAR becomes a failure rather than an exception. */
export function readHar(file: string): { har: Har } | { failure: ReportedFailure } {
  try {
    const har = JSON.parse(readFileSync(file, "utf8")) as Har;
    if (!Array.isArray(har?.log?.entries)) throw new Error("it has no log.entries array");
    return { har };
  } catch (error) {
    return { failure: { file, location: "har", pointer: "", message: `not a HAR file: ${(error as Error).message}` } };
  }
}

export function entryFailures(file: string, result: EntryResult): ReportedFailure[] {
  return result.failures.map((failure) => ({
    file,
    entry: result.index,
    ...(result.comment ? { comment: result.comment } : {}),
    request: result.request,
    ...(result.operation ? { operation: result.operation } : {}),
    ...failure,
  }));
}

export function checkHarFilesWith(checker: ContractChecker, files: string[], specName: string): ContractReport {
  const report: ContractReport = {
    spec: specName,
    files: [],
    entries: 0,
    failures: [],
    coverage: { covered: 0, total: 0, operations: [] },
  };
  const counts = new Map<string, number>();
  for (const file of harFilesIn(files)) {
    const read = readHar(file);
    if ("failure" in read) {
      report.failures.push(read.failure);
      report.files.push({ file, entries: 0 });
      continue;
    }
    const entries = read.har.log.entries;
    report.files.push({ file, entries: entries.length });
    report.entries += entries.length;
    entries.forEach((entry, index) => {
      const result = checker.checkEntry(entry, index);
      if (result.operation) counts.set(result.operation.id, (counts.get(result.operation.id) ?? 0) + 1);
      report.failures.push(...entryFailures(file, result));
    });
  }
  report.coverage.operations = checker.operations.map((o) => ({
    id: o.id,
    method: o.method.toUpperCase(),
    path: o.path,
    tag: o.tag,
    recordings: counts.get(o.id) ?? 0,
  }));
  report.coverage.total = checker.operations.length;
  report.coverage.covered = report.coverage.operations.filter((o) => o.recordings > 0).length;
  return report;
}

/** Checks HAR files (or directories of them) against the bundled spec or the one at `specPath`. */
export function checkHarFiles(files: string[], options: CheckFilesOptions = {}): ContractReport {
  const specPath = options.specPath ?? bundledSpecPath();
  const checker = new ContractChecker(loadSpec(specPath), options);
  const report = checkHarFilesWith(checker, files, specPath);
  // A schema that cannot compile is a spec bug even when no recording reaches it.
  report.failures.unshift(...checker.compileAll().map((f) => ({ file: specPath, ...f })));
  return report;
}

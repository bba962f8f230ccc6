// The library entry of the contract check: checks recordings (HAR files, NDJSON traffic logs)
// against a spec and reports every failure with its file, entry, operation and JSON pointer, plus
// which operations were recorded. Files are read one entry at a time (har-reader.ts) and failures
// are handed on as they are found, so neither the file's size nor the number of failures is
// bounded by memory.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  ContractChecker,
  type CheckerOptions,
  type ContractFailure,
  type EntryResult,
  type OperationName,
} from "./checker.ts";
import type { Har, HarEntry } from "./har.ts";
import {
  parseRecord,
  readEntries,
  readRecords,
  type FileItem,
  type ReadOptions,
  type RecordItem,
} from "./har-reader.ts";
import { bundledSpecPath, loadSpec } from "../spec/document.ts";

export interface ReportedFailure extends ContractFailure {
  file: string;
  /** Position of the entry in the file's `log.entries` (or among an NDJSON file's entries), from 0; absent when the file itself fails. */
  entry?: number;
  /** Line of the entry in an NDJSON file, from 1. */
  line?: number;
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

/** A report whose failures were handed on one by one: how many there were. */
export type ReportSummary = Omit<ContractReport, "failures"> & { failureCount: number };

export interface CheckFilesOptions extends CheckerOptions {
  /** Path of the bundled spec (JSON); default: the generated/openapi.json shipped in this package. */
  specPath?: string;
  /** Entries larger than this are reported, not parsed (default 32 MiB). */
  maxEntryBytes?: number;
}

export interface CheckListener {
  failure(failure: ReportedFailure): void;
  /** Bytes read of all files, their total, and the entries checked, after each chunk read. */
  progress?(bytes: number, totalBytes: number, entries: number): void;
}

const RECORDING = /\.(har|ndjson|jsonl)$/i;

/** Expands directories into the recordings under them (`.har`, `.ndjson`, `.jsonl`), sorted, so a report is stable. */
export function harFilesIn(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: "utf8" })
      .filter((name) => RECORDING.test(name))
      .sort()
      .map((name) => join(path, name));
  });
}

export function entryFailures(file: string, result: EntryResult, line?: number): ReportedFailure[] {
  return result.failures.map((failure) => ({
    file,
    entry: result.index,
    ...(line !== undefined ? { line } : {}),
    ...(result.comment ? { comment: result.comment } : {}),
    request: result.request,
    ...(result.operation ? { operation: result.operation } : {}),
    ...failure,
  }));
}

/** A failure of the recording itself (not of the API): a file or an entry that could not be read. */
function harFailure(file: string, message: string, where: { entry?: number; line?: number } = {}): ReportedFailure {
  return { file, ...where, location: "har", pointer: "", message };
}

/** Reads a whole recording into memory; a file that is not one becomes a failure rather than an exception. */
export function readHar(file: string, options: ReadOptions = {}): { har: Har } | { failure: ReportedFailure } {
  const entries: HarEntry[] = [];
  for (const item of readEntries(file, options)) {
    if (item.kind === "entry") entries.push(item.entry as HarEntry);
    else {
      const where = item.kind === "unreadable" ? { entry: item.index } : {};
      return { failure: harFailure(file, item.message, where) };
    }
  }
  return { har: { log: { version: "1.2", creator: { name: "ngorder-contract", version: "1" }, entries } } };
}

/** The recordings to read and their sizes, in the order they are read. */
export function recordingsOf(paths: string[]): { files: string[]; sizes: number[]; totalBytes: number } {
  const files = harFilesIn(paths);
  const sizes = files.map((file) => statSync(file).size);
  return { files, sizes, totalBytes: sizes.reduce((a, b) => a + b, 0) };
}

/** What checking one entry's bytes gives: the operation it matched and its failures as reported. */
export interface RecordOutcome {
  operation?: string;
  failures: ReportedFailure[];
}

/** Parses and checks one entry as read from `file` (an unreadable one is a failure of its own). */
export function checkRecord(
  checker: ContractChecker,
  file: string,
  record: Exclude<RecordItem, FileItem>,
): RecordOutcome {
  const item = parseRecord(record);
  if (item.kind === "unreadable") {
    const line = item.line !== undefined ? { line: item.line } : {};
    return { failures: [harFailure(file, item.message, { entry: item.index, ...line })] };
  }
  const result = checker.checkEntry(item.entry, item.index);
  return {
    ...(result.operation ? { operation: result.operation.id } : {}),
    failures: entryFailures(file, result, item.line),
  };
}

/**
 * The totals of a check, kept as outcomes come in (in the order the entries were read), the
 * failures handed on to the listener; the summary and the coverage at the end.
 */
export class ReportTally {
  readonly #summary: ReportSummary;
  readonly #operations: ContractChecker["operations"];
  readonly #listener: CheckListener;
  readonly #counts = new Map<string, number>();

  constructor(specName: string, operations: ContractChecker["operations"], listener: CheckListener) {
    this.#summary = {
      spec: specName,
      files: [],
      entries: 0,
      failureCount: 0,
      coverage: { covered: 0, total: 0, operations: [] },
    };
    this.#operations = operations;
    this.#listener = listener;
  }

  /** Entries tallied so far. */
  get entries(): number {
    return this.#summary.entries;
  }

  /** A file's outcome that is not an entry's (it is not a recording). */
  fileFailure(file: string, message: string): void {
    this.failure(harFailure(file, message));
  }

  /** One entry's outcome. */
  add({ operation, failures }: RecordOutcome): void {
    this.entry(operation);
    for (const failure of failures) this.failure(failure);
  }

  /** An entry, and the operation it matched. */
  entry(operation: string | undefined): void {
    this.#summary.entries++;
    if (operation !== undefined) this.#counts.set(operation, (this.#counts.get(operation) ?? 0) + 1);
  }

  failure(failure: ReportedFailure): void {
    this.#summary.failureCount++;
    this.#listener.failure(failure);
  }

  /** A file is read to its end: `entries` of it were tallied. */
  endFile(file: string, entries: number): void {
    this.#summary.files.push({ file, entries });
  }

  end(): ReportSummary {
    const { coverage } = this.#summary;
    coverage.operations = this.#operations.map((o) => ({
      id: o.id,
      method: o.method.toUpperCase(),
      path: o.path,
      tag: o.tag,
      recordings: this.#counts.get(o.id) ?? 0,
    }));
    coverage.total = this.#operations.length;
    coverage.covered = coverage.operations.filter((o) => o.recordings > 0).length;
    return this.#summary;
  }
}

/** Checks recordings on this thread, handing each failure to the listener as it is found; returns the totals and the coverage. */
export function checkFilesStreaming(
  checker: ContractChecker,
  paths: string[],
  specName: string,
  listener: CheckListener,
  options: ReadOptions = {},
): ReportSummary {
  const { files, sizes, totalBytes } = recordingsOf(paths);
  const tally = new ReportTally(specName, checker.operations, listener);
  let bytesBefore = 0;
  files.forEach((file, i) => {
    let entries = 0;
    const onBytes = (bytes: number) => listener.progress?.(bytesBefore + bytes, totalBytes, tally.entries);
    for (const record of readRecords(file, { ...options, onBytes })) {
      if (record.kind === "file") tally.fileFailure(file, record.message);
      else {
        entries++;
        tally.add(checkRecord(checker, file, record));
      }
    }
    tally.endFile(file, entries);
    bytesBefore += sizes[i]!;
  });
  return tally.end();
}

/** Checks recordings with a compiled checker and collects every failure. */
export function checkHarFilesWith(
  checker: ContractChecker,
  files: string[],
  specName: string,
  options: ReadOptions = {},
): ContractReport {
  const failures: ReportedFailure[] = [];
  const { failureCount: _, ...summary } = checkFilesStreaming(
    checker,
    files,
    specName,
    { failure: (f) => failures.push(f) },
    options,
  );
  return { ...summary, failures };
}

/** Compiles the checker for `checkHarFiles`: the bundled spec or the one at `specPath`. */
export function checkerFor(options: CheckFilesOptions = {}): { checker: ContractChecker; specPath: string } {
  const specPath = options.specPath ?? bundledSpecPath();
  return { checker: new ContractChecker(loadSpec(specPath), options), specPath };
}

/**
 * The schemas that do not compile, as failures of the spec: a spec bug even when no recording
 * reaches them. The package's own bundle is not compiled whole here: its tests compile every schema
 * of it before it is published, so a check compiles only the schemas its recordings reach, which
 * saves about a second of start-up on every run.
 */
export function specFailures(checker: ContractChecker, specPath: string): ReportedFailure[] {
  if (specPath === bundledSpecPath()) return [];
  return checker.compileAll().map((f) => ({ file: specPath, ...f }));
}

/** Checks recordings (or directories of them) against the bundled spec or the one at `specPath`. */
export function checkHarFiles(files: string[], options: CheckFilesOptions = {}): ContractReport {
  const { checker, specPath } = checkerFor(options);
  const report = checkHarFilesWith(checker, files, specPath, options);
  report.failures.unshift(...specFailures(checker, specPath));
  return report;
}

// The contract check's library: check recorded HAR files (or single entries) against the spec,
// render the report, and record scrubbed live exchanges.
export { checkHarFiles, checkHarFilesWith, harFilesIn, readHar } from "./check-files.ts";
export type { CheckFilesOptions, ContractReport, OperationCoverage, ReportedFailure } from "./check-files.ts";
export { ContractChecker } from "./checker.ts";
export type { CheckerOptions, ContractFailure, EntryResult, FailureLocation, OperationName } from "./checker.ts";
export { formatCoverage, formatFailure, formatTextReport } from "./format-report.ts";
export type { Har, HarEntry } from "./har.ts";
export { bundledSpecPath, loadSpec } from "../spec/document.ts";
export { record, readOnlyOperationIds, selectOperations } from "./record.ts";
export type { RecordOptions } from "./record.ts";
export { Scrubber } from "./scrub.ts";

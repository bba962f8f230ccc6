// The contract check's library: check recorded HAR files (or single entries) against the spec,
// render the report, and record scrubbed live exchanges.
export { checkHarFiles, checkHarFilesWith, harFilesIn, readHar } from "./check-files.js";
export type { CheckFilesOptions, ContractReport, OperationCoverage, ReportedFailure } from "./check-files.js";
export { ContractChecker } from "./checker.js";
export type { CheckerOptions, ContractFailure, EntryResult, FailureLocation, OperationName } from "./checker.js";
export { formatCoverage, formatFailure, formatTextReport } from "./format-report.js";
export type { Har, HarEntry } from "./har.js";
export { bundledSpecPath, loadSpec } from "./openapi.js";
export { record, readOnlyOperationIds, selectOperations } from "./record.js";
export type { RecordOptions } from "./record.js";
export { Scrubber } from "./scrub.js";

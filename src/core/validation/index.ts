/**
 * Pre-flight file validation (issue 6): drop a supplier's CSV, XLSX and/or image ZIP and know,
 * in seconds, everything the remote would reject. docs/validation.md documents the report.
 */
export { validateFile, ValidationCancelled, DEFAULT_ISSUE_CAP } from './run/validate';
export type { ValidateOptions } from './run/validate';
export {
  listTemplates,
  loadTemplate,
  detectTemplate,
  genericTemplate,
  BUILTIN_TEMPLATES,
} from './templates/registry';
export type { TemplateSummary, Detection } from './templates/registry';
export { parseTemplateJson } from './templates/schema';
export {
  matchHeaders,
  suggestMapping,
  headerSignature,
  normalizeHeader,
  similarity,
  damerauLevenshtein,
} from './mapping';
export type { MatchOptions } from './mapping';
export type * from './types';
export { exportCorrected } from './export/run-export';
export { exportErrors, exportCorrectedHere } from './export/export';
export type { ExportOptions, ExportResult } from './export/export';
export { neutralizeFormula } from './export/writer';
export {
  saveRun,
  startRun,
  finishRun,
  loadRun,
  listRunIssues,
  rememberMapping,
  recallMapping,
  mappingRecaller,
  MAX_STORED_ISSUES,
} from './store';
export type { RememberedMapping, SaveOptions } from './store';
export { prewarmValidationWorkers, closeValidationWorkers } from './worker/pool';
export { setValidationWorkerEntry } from './worker/spawn';
export { inspectZipFile } from './zip/inspect';
export type { ZipInspection, ZipLimits, ZipEntryInfo } from './zip/inspect';

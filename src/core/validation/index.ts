/**
 * Pre-flight file validation (issue 6): drop a supplier's CSV, XLSX and/or image ZIP and know,
 * in seconds, everything the remote would reject. docs/validation.md documents the report.
 */
export { validateFile, ValidationCancelled, DEFAULT_ISSUE_CAP } from './run/validate';
export type { ValidateOptions } from './run/validate';
export { listTemplates, loadTemplate, detectTemplate, genericTemplate, BUILTIN_TEMPLATES } from './templates/registry';
export type { TemplateSummary, Detection } from './templates/registry';
export { parseTemplateJson } from './templates/schema';
export { matchHeaders, headerSignature, normalizeHeader, similarity, damerauLevenshtein } from './mapping';
export type { MatchOptions } from './mapping';
export type * from './types';

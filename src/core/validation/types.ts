/**
 * The shapes pre-flight validation hands out: templates, issues, progress and the report. All of
 * them are plain JSON (no Dates, Maps or RegExps) so they cross worker and process boundaries and
 * can later move to src/shared/contract.ts unchanged. docs/validation.md documents each field.
 */

export type Severity = 'error' | 'warning' | 'info';

/**
 * WEXBO's data types (seeds/README.md, "Data types") plus the few a catalog file needs beyond them:
 * `gtin` (GS1 check digit), `string`, and `image-file` (a file name inside the image ZIP).
 */
export const VALUE_TYPES = [
  'string',
  'boolean',
  'integer',
  'float',
  'date',
  'datetime',
  'enum',
  'uuid',
  'code',
  'url',
  'email',
  'language',
  'currency',
  'country',
  'image',
  'gtin',
  'image-file',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export interface ColumnRule {
  /** The header the remote expects (exact spelling). */
  column: string;
  /** Other spellings a supplier file may use; matched case- and space-insensitively. */
  aliases?: string[];
  /** A family of headers such as `ProductAttribute[Color]`: a regular expression over the header. */
  headerPattern?: string;
  /** With headerPattern: its first capture group must be an ISO 639-1 language code. */
  headerLanguage?: boolean;
  type?: ValueType;
  /** The value must not be empty (after trimming, as the remotes trim). */
  required?: boolean;
  /** The header must be present even when values may be empty (defaults to `required`). */
  requiredHeader?: boolean;
  unique?: boolean;
  /** Case-insensitive uniqueness (e-mail addresses). */
  uniqueIgnoreCase?: boolean;
  /** A regular expression the whole (trimmed) value must match. */
  pattern?: string;
  enum?: string[];
  enumIgnoreCase?: boolean;
  range?: { min?: number; max?: number };
  length?: { min?: number; max?: number };
  /** The value is a list split by this separator; each item is checked on its own. */
  list?: string;
  /** The remote's own wording for a missing value, e.g. Broadleaf's "Missing Required Data". */
  requiredMessage?: string;
  /** The message when `pattern` does not match (default: the pattern itself is shown). */
  patternMessage?: string;
  /** How bad a bad value is (default error: the remote rejects it); missing required values are errors. */
  severity?: Severity;
  /** Why the rule exists (seed file and section), shown in docs and template listings. */
  source?: string;
}

export interface ImageRule {
  /** The column that names each row's image(s) inside the ZIP. */
  column: string;
  /** Several images in one cell, split by this separator. */
  separator?: string;
  /** Per-image size limit in bytes (uncompressed). */
  maxBytes?: number;
}

/** Cross-row checks implemented in code for one remote (see templates/row-rules.ts). */
export const ROW_RULES = [
  'printxpand-configurable',
  'printxpand-order-lists',
  'printxpand-category-parents',
] as const;
export type RowRuleName = (typeof ROW_RULES)[number];

export interface Template {
  id: string;
  name: string;
  system: 'wexbo' | 'etim' | 'wizart' | 'broadleaf' | 'printxpand' | 'custom';
  description?: string;
  /** Seed file the rules come from. */
  source?: string;
  /** What the remote does with columns the template does not know. */
  unknownColumns: Severity | 'ignore';
  /** The remote matches headers by exact spelling: a header found only by alias or case is an error. */
  exactHeaders?: boolean;
  /** Every template column must be present, required or not (Wizart: "no changes in the structure"). */
  allColumnsRequired?: boolean;
  /** The remote only reads UTF-8 (a file in another encoding is rejected). */
  utf8Only?: boolean;
  /** The only delimiter the remote accepts. */
  delimiter?: string;
  /** A file without data rows is rejected. */
  rowsRequired?: boolean;
  /** File formats the remote imports (default: any; the app converts for JSON APIs). */
  formats?: ('csv' | 'xlsx')[];
  columns: ColumnRule[];
  images?: ImageRule;
  rowRules?: RowRuleName[];
}

export interface Issue {
  /** 1-based data row as the remotes count it (header not counted); null for file-level issues. */
  row: number | null;
  /** The file's header of the column (null when the issue is not about one column). */
  column: string | null;
  value: string | null;
  rule: string;
  severity: Severity;
  message: string;
  /** The corrected value when the fix is safe to apply automatically. */
  fix?: string;
}

export type SourceFormat = 'csv' | 'xlsx' | 'zip';

export interface SourceInfo {
  format: SourceFormat;
  /** Bytes of the file. */
  size: number;
  encoding?: string;
  bom?: boolean;
  delimiter?: string;
  newline?: string;
  sheet?: string;
  sheets?: string[];
  /** 1-based row (line for CSV, sheet row for XLSX) holding the header. */
  headerRow?: number;
  headers: string[];
}

/** Per source column: the template column it feeds, or null when it is not used. */
export type ColumnMapping = (string | null)[];

export interface MappingMatch {
  index: number;
  header: string;
  target: string;
  how: 'exact' | 'normalized' | 'alias' | 'pattern' | 'remembered' | 'explicit';
}

export interface MappingSuggestion {
  index: number;
  header: string;
  candidates: { target: string; score: number }[];
}

export interface MappingResult {
  mapping: ColumnMapping;
  matches: MappingMatch[];
  /** Unmatched headers with the template columns they most resemble (not applied). */
  suggestions: MappingSuggestion[];
  /** Template columns no header maps to. */
  missing: string[];
}

export interface Progress {
  rows: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface IssueCounts {
  error: number;
  warning: number;
  info: number;
}

export interface RuleSummary {
  rule: string;
  column: string | null;
  severity: Severity;
  count: number;
}

export interface ValidationReport {
  version: 1;
  file: string;
  images: string | null;
  template: { id: string; name: string; chosen: 'given' | 'detected' | 'connection'; reason: string };
  source: SourceInfo;
  mapping: MappingResult;
  rows: number;
  counts: IssueCounts;
  /** Issues by rule and column, exact even when `issues` was capped. */
  summary: RuleSummary[];
  /** At most `issueCap` issues, file-level first, then by row. */
  issues: Issue[];
  issueCap: number;
  truncated: boolean;
  zip: ZipSummary | null;
  /** Byte ranges of the file read by parallel workers (1: one worker). */
  parts: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Set when the file could not be read at all (exit code 2 in the CLI). */
  fatal: string | null;
}

export interface ZipSummary {
  entries: number;
  files: number;
  totalBytes: number;
  referenced: number;
  unreferenced: number;
  missing: number;
}

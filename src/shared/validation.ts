/**
 * Pre-flight validation on the contract (issue 6): start a run on a file the user dropped or picked,
 * follow its progress and first issues, page through the report, see the dry-run diff against the
 * mirror, apply the valid rows as local edits, fix cells and validate again, and export the
 * corrected file or the errors. The report's shapes mirror src/core/validation/types.ts (a
 * compile-time check in src/core/validation/service.ts keeps them equal).
 */
import { z } from 'zod';
import { FileRef } from './import-jobs';

export const Severity = z.enum(['error', 'warning', 'info']);

export const ValidationIssue = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  rule: z.string(),
  severity: Severity,
  message: z.string(),
  fix: z.string().optional(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

export const IssueCounts = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});

export const SourceInfo = z.object({
  format: z.enum(['csv', 'xlsx', 'zip']),
  size: z.number().nonnegative(),
  encoding: z.string().optional(),
  bom: z.boolean().optional(),
  delimiter: z.string().optional(),
  newline: z.string().optional(),
  sheet: z.string().optional(),
  sheets: z.array(z.string()).optional(),
  headerRow: z.number().int().optional(),
  headers: z.array(z.string()),
});

export const ColumnMapping = z.array(z.string().max(500).nullable()).max(20_000);

export const MappingResult = z.object({
  mapping: ColumnMapping,
  matches: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      target: z.string(),
      how: z.enum(['exact', 'normalized', 'alias', 'pattern', 'remembered', 'explicit']),
    }),
  ),
  suggestions: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      candidates: z.array(z.object({ target: z.string(), score: z.number() })),
    }),
  ),
  missing: z.array(z.string()),
});

export const RuleSummary = z.object({
  rule: z.string(),
  column: z.string().nullable(),
  severity: Severity,
  count: z.number().int().nonnegative(),
});

export const ZipSummary = z.object({
  entries: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  totalBytes: z.number().nonnegative(),
  referenced: z.number().int().nonnegative(),
  unreferenced: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
});

/** The report without its issue list (issues are paged with validation:getIssues). */
export const ReportHead = z.object({
  version: z.literal(1),
  /** The file's name only: paths stay in core. */
  file: z.string(),
  images: z.string().nullable(),
  template: z.object({
    id: z.string(),
    name: z.string(),
    chosen: z.enum(['given', 'detected', 'connection']),
    reason: z.string(),
  }),
  source: SourceInfo,
  mapping: MappingResult,
  rows: z.number().int().nonnegative(),
  counts: IssueCounts,
  summary: z.array(RuleSummary),
  issueCap: z.number().int(),
  truncated: z.boolean(),
  zip: ZipSummary.nullable(),
  parts: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  fatal: z.string().nullable(),
});
export type ReportHead = z.infer<typeof ReportHead>;

export const TemplateColumnInfo = z.object({
  column: z.string(),
  type: z.string().nullable(),
  required: z.boolean(),
  aliases: z.array(z.string()),
});

export const TemplateInfo = z.object({
  id: z.string(),
  name: z.string(),
  system: z.string(),
  description: z.string().nullable(),
  source: z.string().nullable(),
  columns: z.array(TemplateColumnInfo),
  /** The rows can become local edits of this connection kind (else: upload to the remote importer). */
  appliable: z.boolean(),
});
export type TemplateInfo = z.infer<typeof TemplateInfo>;

export const RunStatus = z.enum(['running', 'done', 'failed', 'cancelled']);

export const RunState = z.object({
  runId: z.number().int().positive(),
  fileName: z.string(),
  imagesName: z.string().nullable(),
  connectionId: z.string().nullable(),
  status: RunStatus,
  rows: z.number().int().nonnegative(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  counts: IssueCounts,
  /** Set once the run has ended (also for a file that could not be read: report.fatal says why). */
  report: ReportHead.nullable(),
  /** The run this one re-validates after cell fixes. */
  previousRunId: z.number().int().positive().nullable(),
  /**
   * A token for the file this run validated (for a fixed run: the corrected copy), accepted where a
   * dropped file's token is, e.g. by imports:start.
   */
  fileToken: z.string(),
});
export type RunState = z.infer<typeof RunState>;

export const DiffStatus = z.enum(['new', 'modified', 'unchanged', 'invalid', 'duplicate']);
export type DiffStatus = z.infer<typeof DiffStatus>;

export const FieldChange = z.object({
  path: z.string(),
  old: z.unknown(),
  new: z.unknown(),
});

export const DiffRow = z.object({
  row: z.number().int().positive(),
  key: z.string(),
  status: DiffStatus,
  recordId: z.number().int().nullable(),
  changes: z.array(FieldChange),
  /** Why an invalid row is left out (the report's errors for it, or the field rules). */
  problems: z.array(z.string()),
});
export type DiffRow = z.infer<typeof DiffRow>;

export const DiffCounts = z.object({
  new: z.number().int().nonnegative(),
  modified: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  /** Records of the mirror the file does not mention. */
  missing: z.number().int().nonnegative(),
  /** Field values that would change, over every modified row. */
  fields: z.number().int().nonnegative(),
});

export const DryRunDiff = z.object({
  runId: z.number().int().positive(),
  connectionId: z.string(),
  entity: z.string(),
  keyColumn: z.string(),
  /** Template column → document path of each column that becomes a field. */
  columns: z.array(z.object({ column: z.string(), path: z.string() })),
  counts: DiffCounts,
  /** The requested page of rows (new, modified, invalid and duplicate rows; unchanged only counted). */
  rows: z.array(DiffRow),
  /** Rows matching the status filter. */
  total: z.number().int().nonnegative(),
  /** The first records of the mirror the file does not mention. */
  missing: z.array(z.object({ recordId: z.number().int(), key: z.string() })),
  /** More rows changed than the diff keeps in detail (counts stay exact). */
  truncated: z.boolean(),
});
export type DryRunDiff = z.infer<typeof DryRunDiff>;

export const ApplyOutcome = z.object({
  runId: z.number().int().positive(),
  connectionId: z.string(),
  /** Undo group of the field edits (null when nothing changed). */
  groupId: z.string().nullable(),
  /** Records modified, with the count of field values changed. */
  updated: z.number().int().nonnegative(),
  fields: z.number().int().nonnegative(),
  /** Records created from new rows. */
  created: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Rows left out: errors in the report, or values the remote's field rules refuse. */
  skipped: z.array(z.object({ row: z.number().int(), key: z.string(), message: z.string() })),
  skippedCount: z.number().int().nonnegative(),
});
export type ApplyOutcome = z.infer<typeof ApplyOutcome>;

export const ExportResult = z.object({
  /** The file name written (desktop: where the user chose; web: a download). */
  name: z.string(),
  rows: z.number().int().nonnegative(),
  fixed: z.number().int().nonnegative(),
  /** A token the web shell downloads the file with (GET /files/{token}); null when written to a chosen target. */
  download: z.string().nullable(),
});

const RunId = z.number().int().positive();

export const validationChannels = {
  'validation:listTemplates': {
    input: z.strictObject({ connectionId: z.string().min(1).optional() }),
    output: z.array(TemplateInfo),
    description: 'Built-in templates (those of the connection’s system first when one is given).',
  },
  'validation:start': {
    input: z.strictObject({
      file: FileRef,
      images: FileRef.optional(),
      connectionId: z.string().min(1).optional(),
      /** A built-in template id; detected from the headers (within the connection's system) when absent. */
      template: z.string().min(1).max(100).optional(),
      /** The user's mapping, aligned with the file's headers; remembered for the connection. */
      mapping: ColumnMapping.optional(),
      sheet: z.union([z.string().max(200), z.number().int().min(1)]).optional(),
      headerRow: z.number().int().min(1).max(1000).optional(),
    }),
    output: RunState,
    description: 'Validates a file in a worker; progress as validation:progress, first issues as they come.',
  },
  'validation:cancel': {
    input: z.strictObject({ runId: RunId }),
    output: z.object({ cancelled: z.boolean() }),
    description: 'Stops a running validation.',
  },
  'validation:getRun': {
    input: z.strictObject({ runId: RunId }),
    output: RunState,
    description: 'A run’s state, and its report once it ended.',
  },
  'validation:getIssues': {
    input: z.strictObject({
      runId: RunId,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      severity: Severity.optional(),
      rule: z.string().max(200).optional(),
      column: z.string().max(500).optional(),
    }),
    output: z.object({ issues: z.array(ValidationIssue), total: z.number().int().nonnegative() }),
    description:
      'A page of a run’s issues (file-level first, then by row), filtered by severity, rule or column.',
  },
  'validation:getRows': {
    input: z.strictObject({
      runId: RunId,
      rows: z.array(z.number().int().positive()).min(1).max(200),
    }),
    output: z.object({
      headers: z.array(z.string()),
      rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
    }),
    description: 'The cells of some data rows of the validated file, to show and fix them.',
  },
  'validation:fix': {
    input: z.strictObject({
      runId: RunId,
      cells: z
        .array(
          z.strictObject({
            row: z.number().int().positive(),
            column: z.string().max(500),
            value: z.string().max(100_000),
          }),
        )
        .max(10_000),
      /** Also apply the safe fixes (trim, straight quotes, decimal dots). */
      safeFixes: z.boolean().default(true),
      /** A new column mapping for the corrected copy (aligned with the file's headers). */
      mapping: ColumnMapping.optional(),
    }),
    output: RunState,
    description: 'Writes a corrected copy with these cells changed and validates it again (a new run).',
  },
  'validation:diff': {
    input: z.strictObject({
      runId: RunId,
      connectionId: z.string().min(1).optional(),
      status: DiffStatus.optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: DryRunDiff,
    description:
      'The dry-run diff of a run’s rows against the connection’s mirror: new, modified, unchanged, missing.',
  },
  'validation:apply': {
    input: z.strictObject({
      runId: RunId,
      connectionId: z.string().min(1).optional(),
      /** Create records for new rows (default true). */
      create: z.boolean().default(true),
    }),
    output: ApplyOutcome,
    description: 'Applies the valid rows as local edits (one undo group) and queues them for upload.',
  },
  'validation:export': {
    input: z.strictObject({
      runId: RunId,
      what: z.enum(['corrected', 'errors']),
      format: z.enum(['csv', 'xlsx']),
      /** A write token from the desktop save dialog; absent: the web shell downloads it. */
      target: FileRef.optional(),
    }),
    output: ExportResult,
    description: 'Writes the corrected file or the errors file (formula injection neutralised).',
  },
} as const;

export const validationEvents = {
  /** At most a few per second per run. */
  'validation:progress': RunState.omit({ report: true }),
  /** The first issues of a running validation, in batches, so the UI shows them before the end. */
  'validation:issues': z.object({ runId: RunId, issues: z.array(ValidationIssue).max(500) }),
  'validation:finished': RunState,
} as const;

/**
 * The wire and storage shapes of remote import jobs (Wizart, Broadleaf file imports and ETIM
 * synchronizations). `ImportJob` (shared/domain.ts) is the list row; what is here adds the issues,
 * the stage history and the events the UI turns into notifications. These schemas are written to be
 * moved into src/shared (contract channels `imports:start`, `imports:runSynchronization`,
 * `imports:getJob`, `imports:cancel`; events `job:updated`, `job:finished`, `job:stuck`), so they
 * import only zod and shared/domain.
 */
import { z } from 'zod';
import { ImportJob, IsoTime } from './domain';

export const JobKind = z.enum(['import', 'synchronization']);
export type JobKind = z.infer<typeof JobKind>;

export const JobStatus = ImportJob.shape.status;
export type JobStatus = z.infer<typeof JobStatus>;

/** One problem the remote reported: a row (1-based data row), a column or field, its value, why. */
export const ImportIssue = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  row: z.number().int().positive().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportFileInfo = z.object({
  name: z.string(),
  format: z.enum(['csv', 'xlsx', 'zip']),
  role: z.enum(['data', 'images']),
  bytes: z.number().int().nonnegative(),
});
export type ImportFileInfo = z.infer<typeof ImportFileInfo>;

/** A stage or status change as it was seen, for the job's timeline. */
export const StageChange = z.object({
  stage: z.string(),
  status: JobStatus,
  percent: z.number().min(0).max(100).nullable(),
  at: IsoTime,
});
export type StageChange = z.infer<typeof StageChange>;

/** The remote's own last answer, kept as it was mapped (connectors/types.ts RemoteJobStatus). */
export const RemoteSnapshot = z.object({
  stage: z.string(),
  state: z.enum(['running', 'succeeded', 'warning', 'failed']),
  percent: z.number().nullable(),
  message: z.string().nullable(),
  total: z.number().optional(),
  updatedAt: IsoTime.optional(),
});
export type RemoteSnapshot = z.infer<typeof RemoteSnapshot>;

/**
 * What `import_job.details` holds. Every field has a default so that a row written by an older
 * version (or `'{}'`) still reads.
 */
export const JobDetails = z.object({
  kind: JobKind.default('import'),
  /** The import type (Wizart product type, Broadleaf PRODUCT…) or the ETIM trigger id. */
  entity: z.string().default(''),
  files: z.array(ImportFileInfo).default([]),
  options: z.record(z.string(), z.string()).default({}),
  remote: RemoteSnapshot.nullable().default(null),
  issues: z.array(ImportIssue).default([]),
  /** Issues the remote reported beyond the ones kept (`MAX_ISSUES`). */
  issuesDropped: z.number().int().nonnegative().default(0),
  history: z.array(StageChange).default([]),
  polls: z.number().int().nonnegative().default(0),
  /** Polls in a row that saw no change: drives the slowing down. */
  quietPolls: z.number().int().nonnegative().default(0),
  /** Polls in a row that failed: drives the error backoff. */
  failedPolls: z.number().int().nonnegative().default(0),
  lastPollError: z.string().nullable().default(null),
  activityId: z.number().int().nullable().default(null),
});
export type JobDetails = z.infer<typeof JobDetails>;

/** The list row plus what a list or a notification needs without loading every issue. */
export const ImportJobSummary = ImportJob.extend({
  kind: JobKind,
  entity: z.string(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  nextPollAt: IsoTime.nullable(),
});
export type ImportJobSummary = z.infer<typeof ImportJobSummary>;

/** `imports:getJob`: one job with every issue and its stage history. */
export const ImportJobDetail = ImportJobSummary.extend({
  total: z.number().int().nonnegative().nullable(),
  files: z.array(ImportFileInfo),
  options: z.record(z.string(), z.string()),
  issues: z.array(ImportIssue),
  issuesDropped: z.number().int().nonnegative(),
  history: z.array(StageChange),
  lastPollError: z.string().nullable(),
});
export type ImportJobDetail = z.infer<typeof ImportJobDetail>;

/** `job:finished` (succeeded, warning, failed) and `job:stuck`: ready to show as a notification. */
export const ImportJobNotice = z.object({
  job: ImportJobSummary,
  title: z.string(),
  message: z.string(),
});
export type ImportJobNotice = z.infer<typeof ImportJobNotice>;

/**
 * A file the user chose, as the renderer knows it: the token main registered for a drop or a dialog
 * pick (src/main/file-tokens.ts). The renderer never sends a path; the handler resolves the token
 * (mode read) and the tracker gets the path.
 */
export const FileRef = z.strictObject({ fileToken: z.string().min(1).max(100) });

export const StartImportInput = z.strictObject({
  connectionId: z.string().min(1),
  /** The data file (CSV, XLSX) or, for a Broadleaf ASSET import, the ZIP; or a CSV and its ZIP. */
  files: z.array(FileRef).min(1).max(2),
  /** A ZIP of images that goes with the data file (Wizart). */
  images: FileRef.optional(),
  /** The remote's import type; default: the connection's first (Wizart wallpaper, Broadleaf PRODUCT). */
  type: z.string().trim().min(1).max(100).optional(),
  /** Remote options, e.g. Broadleaf catalogId, siteId, sandboxId, importSpecification. */
  options: z.record(z.string(), z.string()).optional(),
});
export type StartImportInput = z.infer<typeof StartImportInput>;

export const JobIdInput = z.strictObject({ jobId: z.number().int().positive() });

/** Channel definitions to add to src/shared/contract.ts `channels`. */
export const importChannels = {
  'imports:start': {
    input: StartImportInput,
    output: ImportJobSummary,
    description: 'Uploads a file (and its images) to a remote importer and starts following the job.',
  },
  'imports:runSynchronization': {
    input: z.strictObject({ connectionId: z.string().min(1), triggerId: z.string().trim().min(1).max(200) }),
    output: ImportJobSummary,
    description: 'Runs an ETIM synchronization trigger and follows it to its end.',
  },
  'imports:getJob': {
    input: JobIdInput,
    output: ImportJobDetail,
    description: 'One import job with every issue the remote reported and its stage history.',
  },
  'imports:cancel': {
    input: JobIdInput,
    output: ImportJobSummary,
    description: 'Stops following a job; the remote itself cannot cancel an import.',
  },
} as const;

/** Event definitions to add to src/shared/contract.ts `events`. */
export const importEvents = {
  'job:updated': ImportJobSummary,
  'job:finished': ImportJobNotice,
  'job:stuck': ImportJobNotice,
} as const;

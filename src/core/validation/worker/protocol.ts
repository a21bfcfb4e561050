/**
 * Messages between the run coordinator (run.ts, in core's thread) and the validation workers.
 * A run has one lead worker (probe, image ZIP, first part of the rows) and, for large CSV files,
 * part workers for the other byte ranges. The "image referenced" flags travel as a typed array
 * over a SharedArrayBuffer, so every worker of a run writes the same memory; each worker's
 * uniqueness logs come back with its `done` and are checked together at the end.
 */
import type { WorkerIssue } from '../engine/row-checker';
import type { ExportOptions, ExportResult } from '../export/export';
import type {
  ColumnMapping,
  RuleSummary,
  Severity,
  SourceFormat,
  SourceInfo,
  Template,
  ValidationReport,
} from '../types';
import type { ZipEntryInfo, ZipInspection, ZipLimits } from '../zip/inspect';

export interface LeadJob {
  kind: 'lead';
  file: string;
  format: SourceFormat;
  images: string | null;
  sheet?: string | number;
  encoding?: string;
  zipLimits: ZipLimits;
  issueCap: number;
  progressMs: number;
}

export interface Plan {
  template: Template;
  headers: string[];
  mapping: ColumnMapping;
  /** Index of the header among the probe's non-empty rows. */
  headerIndex: number;
  /** CSV: byte end of the lead's part (null: to the end of the file). */
  end: number | null;
  /** Unique template columns: the rows expected in a part and the most values a worker logs. */
  unique: { column: string; expected: number; maxEntries: number }[];
  zipEntries: ZipEntryInfo[] | null;
  referenced: Uint8Array | null;
  imageMaxBytes?: number;
  /** Source columns whose template type is a date (XLSX: a date cell there is expected). */
  dateColumns: number[];
}

export interface PartJob {
  kind: 'part';
  file: string;
  part: number;
  start: number;
  end: number;
  encoding: string;
  delimiter: string;
  newline: string;
  plan: Plan;
  issueCap: number;
  progressMs: number;
}

/** Writes the corrected copy of a validated file (export/export.ts) inside the worker's heap cap. */
export interface ExportJob {
  kind: 'export';
  report: ValidationReport;
  template: Template;
  opts: ExportOptions;
}

export type Job = LeadJob | PartJob | ExportJob;

export interface ProbeResult {
  source: Omit<SourceInfo, 'headers' | 'headerRow'>;
  rows: string[][];
  /** Rough row count from the probe's bytes per row, to size unique tables. */
  estimatedRows: number;
  /** CSV: where data starts (after a BOM). */
  dataStart?: number;
}

/** A part's log of one unique column: hashes and positions (the texts stay in the worker). */
export interface UniqueLogMessage {
  column: string;
  header: string;
  severity: Severity;
  entries: Int32Array;
  count: number;
}

export type ToWorker =
  | { type: 'job'; job: Job }
  | { type: 'plan'; plan: Plan }
  | { type: 'texts'; requests: { column: string; indexes: number[] }[] }
  /** The run is over: let go of the uniqueness texts (a pooled worker may idle for a minute). */
  | { type: 'forget' };

export type FromWorker =
  | { type: 'zip'; inspection: ZipInspection }
  | { type: 'probe'; probe: ProbeResult }
  | { type: 'issues'; issues: WorkerIssue[] }
  | { type: 'progress'; rows: number; bytes: number }
  | {
      type: 'done';
      rows: number;
      overflow: RuleSummary[];
      endIssues: WorkerIssue[];
      unique: UniqueLogMessage[];
    }
  | { type: 'texts'; texts: (string | null)[][] }
  | { type: 'exported'; result: ExportResult }
  | { type: 'fatal'; message: string };

/** The options of a run and the state the coordinator and the report assembly share. */
import type { ColumnMapping, Issue, Progress, SourceFormat, Template } from '../types';
import type { ZipLimits } from '../zip/inspect';

export interface ValidateOptions {
  file: string;
  /** A ZIP of images to cross-check with the file's image column. */
  images?: string;
  /** A template, a built-in id, or the path of a template .json; detected from the headers when absent. */
  template?: Template | string;
  /** Templates auto-detection chooses from (default: all built-in). */
  candidates?: readonly Template[];
  /** The user's mapping, aligned with the file's headers. */
  mapping?: ColumnMapping;
  /** A remembered mapping for a header signature (store.ts recallMapping). */
  recall?: (signature: string, template: Template) => ColumnMapping | undefined;
  sheet?: string | number;
  /** 1-based among the non-blank rows at the top (default: detected). */
  headerRow?: number;
  /** Skip detection (an iconv-lite name). */
  encoding?: string;
  signal?: AbortSignal;
  onProgress?(p: Progress): void;
  onIssue?(issue: Issue): void;
  /** Issues kept in the report (counts stay exact past it). */
  issueCap?: number;
  /** Heap cap of each worker, MB. */
  memoryLimitMb?: number;
  /** Most workers for one CSV file (1 = never split). */
  workers?: number;
  zipLimits?: Partial<ZipLimits>;
  /** Memory for uniqueness tables, MB, shared by the unique columns. */
  uniqueMemoryMb?: number;
}

export const DEFAULT_ISSUE_CAP = 100_000;
/** Files below this are read by one worker: starting more costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Parts a CSV is cut into at most (positions pack the part number in 3 bits). */
export const MAX_WORKERS = 4;

export class ValidationCancelled extends Error {
  constructor() {
    super('The validation was cancelled.');
    this.name = 'AbortError';
  }
}

export interface Run {
  opts: ValidateOptions;
  file: string;
  images: string | null;
  format: SourceFormat;
  size: number;
  template: Template | undefined;
  startedAt: Date;
  t0: number;
}

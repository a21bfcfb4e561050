/**
 * The coordinator's pure parts: the plan handed to the workers (unique tables sized from the
 * probe, image index, date columns), the byte cuts of a large CSV, and the report assembled
 * when every part has finished.
 */
import { ENTRY_BYTES } from '../engine/unique-table';
import { asciiCompatible } from '../read/encoding';
import type { Template, ValidationReport, ZipSummary } from '../types';
import type { Plan, ProbeResult } from '../worker/protocol';
import { buildImageIndex, unreferencedIssues } from '../zip/image-index';
import type { ZipInspection } from '../zip/inspect';
import type { Collector } from './collect';
import { DEFAULT_ISSUE_CAP, PARALLEL_MIN_BYTES } from './context';
import type { Run } from './context';
import type { PlanChoice } from './plan';
import { findCuts } from './split';

export function baseReport(run: Run, fatal: string | null): ValidationReport {
  const finishedAt = new Date();
  return {
    version: 1,
    file: run.file,
    images: run.images,
    template: {
      id: run.template?.id ?? 'none',
      name: run.template?.name ?? 'none',
      chosen: 'given',
      reason: '',
    },
    source: { format: run.format, size: run.size, headers: [] },
    mapping: { mapping: [], matches: [], suggestions: [], missing: [] },
    rows: 0,
    counts: { error: 0, warning: 0, info: 0 },
    summary: [],
    issues: [],
    issueCap: run.opts.issueCap ?? DEFAULT_ISSUE_CAP,
    truncated: false,
    zip: null,
    parts: 1,
    startedAt: run.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.round(performance.now() - run.t0),
    fatal,
  };
}

export function zipSummary(
  inspection: ZipInspection,
  referenced: Uint8Array | null,
  missing: number,
): ZipSummary {
  let files = 0;
  let totalBytes = 0;
  let used = 0;
  let unused = 0;
  inspection.entries.forEach((e, i) => {
    if (e.isDir) return;
    files++;
    totalBytes += e.size;
    if (referenced?.[i]) used++;
    else if (referenced && !e.unsafe) unused++;
  });
  return {
    entries: inspection.entries.length,
    files,
    totalBytes,
    referenced: used,
    unreferenced: unused,
    missing,
  };
}

/** Byte offsets where part workers start, or [] to read the file in one piece. */
export async function planCuts(
  run: Run,
  probe: ProbeResult,
  template: Template,
  workers: number,
): Promise<number[]> {
  const s = probe.source;
  if (workers < 2 || run.format !== 'csv' || run.size < PARALLEL_MIN_BYTES) return [];
  if (!s.encoding || !asciiCompatible(s.encoding) || !s.delimiter || template.rowRules?.length) return [];
  const parts = Math.min(workers, Math.ceil(run.size / PARALLEL_MIN_BYTES));
  return findCuts(run.file, probe.dataStart ?? 0, run.size, parts, s.delimiter);
}

export function makePlan(
  run: Run,
  choice: PlanChoice,
  probe: ProbeResult,
  zip: ZipInspection | null,
  parts: number,
): Plan {
  const byColumn = new Map(choice.template.columns.map((c) => [c.column, c]));
  const mapped = choice.mapping.mapping;
  const uniqueColumns = choice.template.columns.filter((c) => c.unique && mapped.includes(c.column));
  const budget = (run.opts.uniqueMemoryMb ?? 96) * 1024 * 1024;
  const maxEntries = Math.max(
    1024,
    Math.floor(budget / ENTRY_BYTES / Math.max(1, uniqueColumns.length) / parts),
  );
  const unique = uniqueColumns.map((c) => ({
    column: c.column,
    expected: Math.ceil((probe.estimatedRows * 1.15) / parts),
    maxEntries,
  }));
  const hasImageColumn = mapped.some((t) => t !== null && byColumn.get(t)?.type === 'image-file');
  const entries = zip && !zip.fatal && hasImageColumn ? zip.entries : null;
  const dateColumns = mapped.flatMap((t, i) => {
    const type = t === null ? undefined : byColumn.get(t)?.type;
    return type === 'date' || type === 'datetime' ? [i] : [];
  });
  return {
    template: choice.template,
    headers: choice.headers,
    mapping: mapped,
    headerIndex: choice.headerIndex,
    end: null,
    unique,
    zipEntries: entries,
    referenced: entries ? new Uint8Array(new SharedArrayBuffer(entries.length)) : null,
    imageMaxBytes: choice.template.images?.maxBytes,
    dateColumns,
  };
}

export function assemble(
  run: Run,
  collector: Collector,
  choice: PlanChoice | undefined,
  probe: ProbeResult | undefined,
  zip: ZipInspection | null,
  referenced: Uint8Array | null,
): ValidationReport {
  const rows = collector.rows();
  if (zip && !zip.fatal && referenced) {
    for (const issue of unreferencedIssues(buildImageIndex(zip.entries, referenced))) collector.addEnd(issue);
  }
  if (choice && rows === 0 && run.format !== 'zip' && choice.headers.length > 0) {
    collector.addEnd({
      row: null,
      column: null,
      value: null,
      rule: 'file.no-rows',
      severity: choice.template.rowsRequired ? 'error' : 'warning',
      message: `The file has a header but no data rows${choice.template.rowsRequired ? ': the remote rejects it ("The CSV file contains no products.")' : '.'}`,
    });
  }
  const done = collector.finish();
  const missing = done.summary
    .filter((s) => s.rule === 'image.missing' || s.rule === 'image.case')
    .reduce((n, s) => n + s.count, 0);
  const report = baseReport(run, null);
  return {
    ...report,
    template: choice?.templateInfo ?? {
      id: 'none',
      name: 'ZIP archive check',
      chosen: 'given',
      reason: 'the file is a ZIP archive: its images were checked on their own',
    },
    source: {
      ...(probe?.source ?? report.source),
      headers: choice?.headers ?? [],
      headerRow: choice ? choice.headerIndex + 1 : undefined,
    },
    mapping: choice?.mapping ?? report.mapping,
    rows,
    ...done,
    zip: zip && !zip.fatal ? zipSummary(zip, referenced, missing) : null,
  };
}

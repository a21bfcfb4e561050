/**
 * The per-row rules, compiled once from a template and a column mapping into flat arrays so the
 * loop over a million rows does a handful of comparisons per cell and allocates nothing for valid
 * values. Values are trimmed before typed checks because every remote trims (Broadleaf and Wizart
 * trim cells, ETIM "will anyway trim"); the untrimmed value is still reported as a pitfall.
 */
import {
  hasSmartQuotes,
  hasStraySpace,
  smartQuotesFinding,
  spacesFinding,
  trimValue,
} from '../checks/pitfalls';
import type { Finding } from '../checks/pitfalls';
import { compileValue, FAST, isDate, isDateTime, isFloat, isGtin, isInteger } from '../checks/values';
import type { CompiledValue } from '../checks/values';
import { createRowRules } from '../templates/row-rules';
import type { RowRule } from '../templates/row-rules';
import type { ColumnMapping, ColumnRule, Issue, Severity, Template } from '../types';
import { checkImageRef } from '../zip/image-index';
import type { ImageIndex } from '../zip/image-index';
import { createUniqueLog, packPos, recordUnique, sealLog } from './unique-table';
import type { UniqueLog } from './unique-table';

/** An issue as a worker sees it: rows counted within its part of the file. */
export interface WorkerIssue extends Issue {
  part: number;
  /** Packed position (part, row) of another row the message names as `{{row}}`. */
  ref?: number;
}
export type Emit = (issue: WorkerIssue) => void;

export const REF_TOKEN = '{{row}}';
/** Excel keeps at most this many characters in a cell and cuts the rest when it opens a CSV. */
export const EXCEL_CELL_LIMIT = 32_767;

/** Cell facts only a spreadsheet reader knows (see read/xlsx.ts). */
export interface CellNote {
  col: number;
  rule: string;
  severity: Severity;
  message: string;
}

interface Compiled {
  index: number;
  header: string;
  rule: ColumnRule;
  required: boolean;
  value: CompiledValue;
  severity: Severity;
  unique: UniqueLog | null;
  image: boolean;
  imageSeparator: string | undefined;
  /** Free text, where AutoCorrect's smart quotes pass unnoticed (typed columns fail on their own). */
  text: boolean;
}

export interface CheckerOptions {
  template: Template;
  headers: string[];
  mapping: ColumnMapping;
  part: number;
  /** Unique template columns: the rows expected in this part and the most values it logs. */
  unique: Map<string, { expected: number; maxEntries: number }>;
  images: ImageIndex | null;
  emit: Emit;
  /** The file's delimiter, for messages (CSV only). */
  delimiter?: string;
}

export interface RowChecker {
  /** Checks one data row (`row` counts within the part, from 1). */
  check(cells: string[], row: number, notes?: CellNote[]): void;
  /** Ends the rows: row rules' last issues, and this worker's uniqueness logs for the coordinator. */
  finish(): UniqueResult[];
}

/** A worker's log of one unique column, handed to the coordinator with the part's end. */
export interface UniqueResult extends ReturnType<typeof sealLog> {
  column: string;
  header: string;
  severity: Severity;
}

/** The hot path: a switch over the column's fast test, the full explanation only on failure. */
function valueFinding(cv: CompiledValue, v: string): Finding | null {
  let ok: boolean;
  switch (cv.kind) {
    case FAST.none:
      ok = true;
      break;
    case FAST.integer:
      ok = isInteger(v);
      break;
    case FAST.float:
      ok = isFloat(v);
      break;
    case FAST.date:
      ok = isDate(v);
      break;
    case FAST.datetime:
      ok = isDateTime(v);
      break;
    case FAST.gtin:
      ok = isGtin(v);
      break;
    case FAST.boolean:
      ok = v === 'true' || v === 'false' || v === '1' || v === '0';
      break;
    case FAST.set:
      ok = (cv.set as Set<string>).has(v);
      break;
    default:
      return cv.full ? cv.full(v) : null;
  }
  if (!ok) return cv.full ? cv.full(v) : null;
  return cv.extra ? cv.extra(v) : null;
}

function requiredMessage(c: Compiled): string {
  const remote = c.rule.requiredMessage ? ` (the remote answers "${c.rule.requiredMessage}")` : '';
  return `${c.header} is empty but required${remote}: fill it in.`;
}

export function createRowChecker(opts: CheckerOptions): RowChecker {
  const { template, headers, mapping, part, emit } = opts;
  const width = headers.length;
  const byColumn = new Map(template.columns.map((c) => [c.column, c]));
  const columns: Compiled[] = [];
  mapping.forEach((target, index) => {
    const rule = target === null ? undefined : byColumn.get(target);
    if (!rule) return;
    const uniqueSpec = rule.unique ? opts.unique.get(rule.column) : undefined;
    columns.push({
      index,
      header: headers[index] as string,
      rule,
      required: rule.required === true,
      value: compileValue(rule),
      severity: rule.severity ?? 'error',
      unique: uniqueSpec ? createUniqueLog(uniqueSpec.expected, uniqueSpec.maxEntries) : null,
      image: rule.type === 'image-file' && opts.images !== null,
      imageSeparator: template.images?.column === rule.column ? template.images.separator : undefined,
      text:
        rule.type === undefined ||
        rule.type === 'string' ||
        rule.enum !== undefined ||
        rule.pattern !== undefined,
    });
  });
  const rowRules: RowRule[] = createRowRules(template, mapping, headers, part, emit);
  const fullNoted = new Set<string>();

  const say = (row: number, c: Compiled, value: string, f: Finding, severity: Severity) => {
    const issue: WorkerIssue = {
      part,
      row,
      column: c.header,
      value,
      rule: f.rule,
      severity,
      message: f.message,
    };
    if (f.fix !== undefined) issue.fix = f.fix;
    emit(issue);
  };

  function unique(c: Compiled, log: UniqueLog, v: string, row: number): void {
    const key = c.rule.uniqueIgnoreCase ? v.toLowerCase() : v;
    if (recordUnique(log, key, v, packPos(part, row)) || fullNoted.has(c.header)) return;
    fullNoted.add(c.header);
    emit({
      part,
      row,
      column: c.header,
      value: null,
      rule: 'unique.limit',
      severity: 'info',
      message: `Uniqueness of ${c.header} is not checked from this row on: the memory set aside for it is full.`,
    });
  }

  function images(c: Compiled, v: string, row: number): void {
    const refs = c.imageSeparator
      ? v
          .split(c.imageSeparator)
          .map((s) => s.trim())
          .filter(Boolean)
      : [v];
    for (const ref of refs) {
      const f = checkImageRef(opts.images as ImageIndex, ref);
      if (f) say(row, c, ref, f, 'error');
    }
  }

  function cell(c: Compiled, raw: string, row: number): void {
    let v = raw;
    if (hasStraySpace(v)) {
      say(row, c, raw, spacesFinding(raw), 'warning');
      v = trimValue(raw);
      if (v === '') {
        if (c.required)
          emit({
            part,
            row,
            column: c.header,
            value: raw,
            rule: 'required',
            severity: 'error',
            message: requiredMessage(c),
          });
        return;
      }
    }
    if (v.length > EXCEL_CELL_LIMIT) {
      emit({
        part,
        row,
        column: c.header,
        value: `${v.slice(0, 80)}…`,
        rule: 'text.too-long',
        severity: 'warning',
        message: `The value has ${v.length} characters, more than Excel's ${EXCEL_CELL_LIMIT} per cell: Excel cuts it if the file is opened there.`,
      });
    }
    if (c.text && hasSmartQuotes(v)) say(row, c, raw, smartQuotesFinding(v), 'warning');
    const f = valueFinding(c.value, v);
    if (f) say(row, c, raw, f, c.severity);
    if (c.unique) unique(c, c.unique, v, row);
    if (c.image) images(c, v, row);
  }

  function fieldCount(cells: string[], row: number): void {
    const extraEmpty = cells.length > width && cells.slice(width).every((x) => x.trim() === '');
    const message = extraEmpty
      ? `Row has ${cells.length} fields, the header has ${width}: the last ${cells.length - width} are empty (trailing delimiters). The corrected file drops them.`
      : `Row has ${cells.length} fields, the header has ${width}: a delimiter is missing or a value holds an unquoted delimiter, so the values are misaligned. Quote values that contain ${JSON.stringify(opts.delimiter ?? ',')}.`;
    emit({ part, row, column: null, value: null, rule: 'row.fields', severity: 'error', message });
  }

  return {
    check(cells, row, notes) {
      if (cells.length !== width) {
        fieldCount(cells, row);
        if (!(cells.length > width && cells.slice(width).every((x) => x.trim() === ''))) return;
      }
      if (notes) {
        for (const n of notes)
          emit({
            part,
            row,
            column: headers[n.col] ?? null,
            value: cells[n.col] ?? null,
            rule: n.rule,
            severity: n.severity,
            message: n.message,
          });
      }
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i] as Compiled;
        const raw = cells[c.index] as string;
        if (raw.length === 0) {
          if (c.required)
            emit({
              part,
              row,
              column: c.header,
              value: '',
              rule: 'required',
              severity: 'error',
              message: requiredMessage(c),
            });
          continue;
        }
        cell(c, raw, row);
      }
      for (let i = 0; i < rowRules.length; i++) (rowRules[i] as RowRule).row(cells, row);
    },
    finish() {
      for (const r of rowRules) r.end();
      return columns.flatMap((c) =>
        c.unique
          ? [{ column: c.rule.column, header: c.header, severity: c.severity, ...sealLog(c.unique) }]
          : [],
      );
    },
  };
}

/**
 * The grid's view of an entity's columns: multilingual object fields (`translations.<lang>.<field>`
 * or `name.<lang>`) expanded into one column per language and field, a language filter over them,
 * and the facet columns (brand, category) with suggestions from a sample of records.
 */
import type { GridColumn, GridRow } from '../../../shared/domain';

export interface ViewColumn extends GridColumn {
  /** The language of a column expanded from a multilingual field. */
  lang?: string;
}

/** A language key: `de`, `en`, `pt-BR`, `zh_Hant`. */
const LANG = /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?$/;

/** How many records the language detection and the facet suggestions look at. */
export const SAMPLE_ROWS = 500;
const MAX_SUGGESTIONS = 200;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Path segments escaped the way core's json-path reads them (`\.` is a literal dot). */
export const pathSegment = (key: string) => key.replace(/[\\.]/g, (c) => `\\${c}`);

function labelOf(key: string): string {
  const text = key.replace(/[_.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function inferType(values: unknown[]): GridColumn['type'] {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.length > 0 && present.every((v) => Number.isInteger(v))) return 'integer';
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return 'float';
  return 'string';
}

/** Columns whose values may be objects keyed by language; the sample tells. */
export function objectColumns(columns: readonly GridColumn[]): GridColumn[] {
  return columns.filter((c) => c.type === 'object');
}

/**
 * The per-language columns of a field whose sampled values are objects keyed by language codes
 * (`{ de: "…", en: "…" }`, or `{ de: { name, description }, … }`); null when it is not multilingual.
 */
function languageColumns(
  path: string,
  label: string,
  readonly: boolean,
  values: Record<string, unknown>[],
): ViewColumn[] | null {
  const langs = new Set<string>();
  for (const v of values) for (const k of Object.keys(v)) langs.add(k);
  if (langs.size === 0 || ![...langs].every((k) => LANG.test(k))) return null;
  const nested = values.every((v) => Object.values(v).every((x) => x === null || isPlainObject(x)));
  const out: ViewColumn[] = [];
  for (const lang of [...langs].sort()) {
    const base = `${path}.${pathSegment(lang)}`;
    const tag = lang.toUpperCase();
    if (!nested) {
      const seen = values.map((v) => v[lang]);
      // Lists or objects per language stay in the record panel; the grid shows text.
      if (seen.some((x) => typeof x === 'object' && x !== null)) continue;
      out.push({ path: base, label: `${label} (${tag})`, type: inferType(seen), readonly, lang });
      continue;
    }
    const fields = new Map<string, unknown[]>();
    for (const v of values) {
      const inner = v[lang];
      if (!isPlainObject(inner)) continue;
      for (const [k, x] of Object.entries(inner)) fields.set(k, [...(fields.get(k) ?? []), x]);
    }
    for (const [field, seen] of fields) {
      if (seen.some((x) => typeof x === 'object' && x !== null)) continue;
      out.push({
        path: `${base}.${pathSegment(field)}`,
        label: `${labelOf(field)} (${tag})`,
        type: inferType(seen),
        readonly,
        lang,
      });
    }
  }
  return out.length > 0 ? out : null;
}

/**
 * Multilingual fields become one column per language: an object column keyed by languages
 * (WEXBO's `translations.<lang>.name`) is replaced by its language columns; an object column with
 * multilingual members (ETIM's `overallInformation.productName.<lang>`) keeps its own column and
 * gains theirs. Returns the languages found, sorted.
 */
export function expandLanguages(
  columns: readonly GridColumn[],
  sample: readonly GridRow[],
): { columns: ViewColumn[]; languages: string[] } {
  const out: ViewColumn[] = [];
  for (const column of columns) {
    if (column.type !== 'object') {
      out.push(column);
      continue;
    }
    const values = sample.map((r) => r.cells[column.path]).filter(isPlainObject);
    const own = languageColumns(column.path, column.label, column.readonly, values);
    if (own) {
      out.push(...own);
      continue;
    }
    out.push(column);
    const members = new Map<string, Record<string, unknown>[]>();
    for (const v of values) {
      for (const [k, x] of Object.entries(v)) {
        if (isPlainObject(x)) members.set(k, [...(members.get(k) ?? []), x]);
      }
    }
    for (const [key, seen] of members) {
      const found = languageColumns(
        `${column.path}.${pathSegment(key)}`,
        labelOf(key),
        column.readonly,
        seen,
      );
      if (found) out.push(...found);
    }
  }
  const languages = new Set(out.flatMap((c) => (c.lang ? [c.lang] : [])));
  return { columns: out, languages: [...languages].sort() };
}

/** Every column in "all languages"; otherwise the plain columns and the chosen language's. */
export function columnsForLanguage(columns: readonly ViewColumn[], lang: string): ViewColumn[] {
  return lang === '' ? [...columns] : columns.filter((c) => c.lang === undefined || c.lang === lang);
}

/** "German (de)"; the bare code when the browser does not know it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code.replace('_', '-'));
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The facet columns of an entity: brand and category (or category id) when it has them. */
export function facetColumns(columns: readonly GridColumn[]): GridColumn[] {
  const by = (path: string) => columns.find((c) => c.path === path);
  const brand = by('brand');
  const category = by('category') ?? by('category_id');
  return [brand, category].filter((c): c is GridColumn => c !== undefined);
}

/** The distinct text values of a column in the sample, alphabetically (a datalist filters as you type). */
export function suggestions(sample: readonly GridRow[], path: string): string[] {
  const counts = new Set<string>();
  for (const row of sample) {
    const v = row.cells[path];
    if (typeof v === 'string' && v !== '') counts.add(v);
  }
  return [...counts.keys()].sort((a, b) => a.localeCompare(b)).slice(0, MAX_SUGGESTIONS);
}

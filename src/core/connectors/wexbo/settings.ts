/**
 * WEXBO connection settings. The endpoint reference of 001_15500709165aa147.txt is private ("dostupná
 * len pre prihlásených vývojárov"), so names the public part only shows by example are settings with
 * those examples as defaults (seeds/README.md): the "changed since" filter `date_from`, the modified
 * time `date_modified`, and the attribute list asked for with `fields` (the public part shows that
 * `fields` replaces the defaults and that an unknown name is only a code-100 warning).
 */
import { StewardError } from '../../../shared/errors';

/** Every product attribute the demo PIM documents (src/core/demo-pim/README.md, WEXBO fields). */
const DEFAULT_FIELDS = [
  'id',
  'code',
  'name',
  'active',
  'price',
  'currency',
  'date_modified',
  'date_created',
  'description',
  'ean',
  'brand',
  'category_id',
  'category',
  'type',
  'parent_id',
  'stock',
  'vat',
  'weight',
  'size',
  'colour',
  'material',
  'images',
  'labels',
  'supplier',
  'supplier_code',
  'etim_class',
  'translations',
].join(',');

/** Attributes a write must not carry: ids, times and derived values (warnings that cost parameters). */
const DEFAULT_READ_ONLY = 'id,date_modified,date_created,type,parent_id,category,etim_class';

export const WEXBO_DEFAULT_SETTINGS: Readonly<Record<string, string>> = {
  changedSinceFilter: 'date_from',
  modifiedField: 'date_modified',
  fields: DEFAULT_FIELDS,
  readOnlyFields: DEFAULT_READ_ONLY,
};

export interface WexboSettings {
  changedSinceFilter: string;
  modifiedField: string;
  /** Always holds `id` and the modified field: the pull's keyset needs both. */
  fields: string[];
  readOnly: ReadonlySet<string>;
}

const NAME = /^[a-z0-9_]+$/;

function list(value: string | undefined, fallback: string): string[] {
  return (value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readWexboSettings(raw: Readonly<Record<string, string>>): WexboSettings {
  const changedSinceFilter = raw.changedSinceFilter?.trim() || 'date_from';
  const modifiedField = raw.modifiedField?.trim() || 'date_modified';
  for (const [key, v] of [
    ['changedSinceFilter', changedSinceFilter],
    ['modifiedField', modifiedField],
  ] as const) {
    if (!NAME.test(v)) {
      throw new StewardError(
        'invalid_input',
        `The WEXBO setting ${key} must be an attribute name, got "${v}".`,
      );
    }
  }
  const fields = list(raw.fields, DEFAULT_FIELDS);
  for (const required of [modifiedField, 'id']) if (!fields.includes(required)) fields.unshift(required);
  const readOnly = new Set(list(raw.readOnlyFields, DEFAULT_READ_ONLY));
  readOnly.add('id');
  return { changedSinceFilter, modifiedField, fields, readOnly };
}

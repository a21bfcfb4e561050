/**
 * How a validated file's rows become records of a connection: the entity, the key column that finds
 * a row's record in the mirror, and the document path each template column writes. Only the remotes
 * whose records we mirror or push take rows as local edits (WEXBO, ETIM, PrintXpand); Wizart and
 * Broadleaf change data only through their file importers, so their files go to the importer.
 *
 * Cell text becomes a field value the way a pasted cell does (shared/field-rules.ts coerceCellText):
 * numbers for numeric fields, booleans, lists split by the template's separator. An empty cell leaves
 * the field as it is: a supplier file with a blank column is not an instruction to clear it.
 */
import type { ConnectionKind } from '../../../shared/domain';
import { coerceCellText, ruleForPath, rulesFor } from '../../../shared/field-rules';
import type { EntityRules } from '../../../shared/field-rules';
import type { Template } from '../types';

export interface FieldBinding {
  /** The template column. */
  column: string;
  /** Where it goes in the record's document (json-path syntax). */
  path: string;
  /** The cell holds a list split by this separator. */
  list?: string;
  /** The field is a JSON list of strings whatever the remote's rules say (ETIM countryOfOrigin). */
  array?: boolean;
}

export interface Binding {
  kind: ConnectionKind;
  entity: string;
  keyColumn: string;
  keyPath: string;
  fields: FieldBinding[];
  rules: EntityRules | undefined;
}

/**
 * ETIM documents group the product's facts under `overallInformation` and its class under
 * `etimDescription` (seeds/004_48b37cfc1a1923fe.txt, the productsData.json example). Prices live in
 * the `priceInformation` list and attachments in `attachments`: list entries have no stable key a
 * row could name, so those columns are not applied (they are checked, and the diff lists only the
 * columns it applies).
 */
const ETIM_OVERALL = [
  'gtin',
  'altPid',
  'productStatus',
  'productCondition',
  'supplier',
  'supplierPid',
  'manufacturerName',
  'manufacturerPid',
  'brandName',
  'countryOfOrigin',
  'productInStock',
  'batteryContained',
  'rohsIndicator',
  'ceMarking',
  'validFrom',
  'expirationDate',
  'reachDate',
  'productType',
  'netLength',
  'netWidth',
  'netHeight',
  'netWeight',
  'netWeightUnit',
];
const ETIM_NOT_APPLIED = new Set([
  'listPrice',
  'recommendedRetailPrice',
  'priceCurrency',
  'vat',
  'territory',
  'attachmentLanguage',
  'attachmentUri',
]);

/** Template columns named differently from the document's fields. */
const RENAMES: Record<string, Record<string, string>> = {
  'printxpand-customers': { first_name: 'firstname', last_name: 'lastname' },
  'etim-products': {
    ...Object.fromEntries(ETIM_OVERALL.map((c) => [c, `overallInformation.${c}`])),
    etimClassId: 'etimDescription.classId',
  },
};
/** Columns whose cell is a list that the document keeps as a JSON list. */
const ARRAYS: Record<string, Set<string>> = { 'etim-products': new Set(['countryOfOrigin']) };

const ENTITY_OF: Record<string, { kind: ConnectionKind; entity: string; key: string }> = {
  'wexbo-products': { kind: 'wexbo', entity: 'products', key: 'code' },
  'etim-products': { kind: 'etim', entity: 'products', key: 'productId' },
  'printxpand-products': { kind: 'printxpand', entity: 'products', key: 'id' },
  'printxpand-categories': { kind: 'printxpand', entity: 'categories', key: 'id' },
  'printxpand-customers': { kind: 'printxpand', entity: 'customers', key: 'id' },
};

/** The key field of a custom template's rows for each kind that takes edits. */
const CUSTOM_KEYS: Partial<Record<ConnectionKind, string>> = {
  wexbo: 'code',
  etim: 'productId',
  printxpand: 'id',
};

/** Why a template's rows cannot become edits of this connection, or null when they can. */
export function bindingProblem(template: Template, kind: ConnectionKind): string | null {
  const known = ENTITY_OF[template.id];
  if (known && known.kind !== kind)
    return `The template "${template.name}" is for ${known.kind}, not for this ${kind} connection.`;
  if (known) return null;
  if (kind === 'wizart' || kind === 'broadleaf')
    return `${kind === 'wizart' ? 'Wizart' : 'Broadleaf'} changes products only through its file importer: upload the file to the importer instead.`;
  if (template.system !== 'custom')
    return `Rows of the "${template.name}" template are not records PIM Steward keeps for ${kind}; upload the file to the remote importer instead.`;
  const key = CUSTOM_KEYS[kind];
  if (!key || !template.columns.some((c) => c.column === key))
    return `The template has no "${key ?? 'key'}" column to find each row's record by.`;
  return null;
}

export function bindingFor(template: Template, kind: ConnectionKind): Binding | null {
  if (bindingProblem(template, kind)) return null;
  const known = ENTITY_OF[template.id];
  const entity = known?.entity ?? 'products';
  const keyPath = known?.key ?? (CUSTOM_KEYS[kind] as string);
  const rules = rulesFor(kind, entity);
  const renames = RENAMES[template.id] ?? {};
  const fields: FieldBinding[] = [];
  for (const c of template.columns) {
    // Header families (ETIM's `feature[…]`) have no single field to write.
    if (c.headerPattern) continue;
    if (template.id === 'etim-products' && ETIM_NOT_APPLIED.has(c.column)) continue;
    const path = renames[c.column] ?? c.column;
    // A custom template writes only the fields the remote is known to have.
    if (!known && rules && !rules.fields[path.split('.')[0] ?? path]) continue;
    const array = ARRAYS[template.id]?.has(c.column) === true;
    fields.push({ column: c.column, path, ...(c.list ? { list: c.list } : {}), ...(array ? { array } : {}) });
  }
  const keyField = fields.find((f) => f.path === keyPath);
  if (!keyField) return null;
  return { kind, entity, keyColumn: keyField.column, keyPath, fields, rules };
}

/** A cell's text as the field's value; undefined for an empty cell (the field is left alone). */
export function cellValue(binding: Binding, field: FieldBinding, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const rule = ruleForPath(binding.rules, field.path);
  // A list column becomes a JSON list only where the remote's field is one (WEXBO images, labels).
  if (field.list !== undefined && (rule?.type === 'list' || field.array)) {
    return trimmed
      .split(field.list)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  const stringsOnly = binding.rules?.stringsOnly ?? false;
  return coerceCellText(rule, trimmed, stringsOnly);
}

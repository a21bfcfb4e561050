/**
 * Checks across rows that PrintXpand applies to a whole record (seeds/003_f9a1ab627ff386f6.txt):
 * a configurable product and its variations, the parallel lists of an order, categories whose
 * parent must exist before them. They mirror src/core/demo-pim/printxpand (the seed's simulator)
 * and keep state for the whole file, so templates that use them are validated by one worker.
 */
import { CATEGORY_MESSAGES } from '../../demo-pim/printxpand/categories';
import { ORDER_MESSAGES } from '../../demo-pim/printxpand/orders';
import { PRODUCT_MESSAGES } from '../../demo-pim/printxpand/products';
import type { Emit, WorkerIssue } from '../engine/row-checker';
import type { ColumnMapping, Template } from '../types';

export interface RowRule {
  row(cells: string[], row: number): void;
  end(): void;
}

/** Rows of state a rule keeps at most; past it the rule says it stopped checking. */
const MAX_TRACKED = 500_000;

type Get = (cells: string[], column: string) => string;

function getter(mapping: ColumnMapping): Get {
  const index = new Map<string, number>();
  mapping.forEach((target, i) => {
    if (target !== null && !index.has(target)) index.set(target, i);
  });
  return (cells, column) => {
    const i = index.get(column);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
}

const phpEmpty = (v: string) => v === '' || v === '0';

function issue(
  part: number,
  row: number,
  column: string | null,
  value: string | null,
  rule: string,
  message: string,
  severity: WorkerIssue['severity'] = 'error',
): WorkerIssue {
  return { part, row, column, value, rule, severity, message };
}

function orderLists(get: Get, part: number, emit: Emit): RowRule {
  return {
    row(cells, row) {
      const lists = ['design_id', 'item_price', 'item_qty'].map((c) => get(cells, c));
      if (lists.some((l) => l === '')) return;
      const lengths = lists.map((l) => l.split(',').length);
      if (new Set(lengths).size === 1) return;
      emit(
        issue(
          part,
          row,
          'design_id',
          lists.join(' | '),
          'printxpand.order-lists',
          `design_id, item_price and item_qty list ${lengths.join(', ')} items; they must be equally long (the remote answers "${ORDER_MESSAGES.unequal}").`,
        ),
      );
    },
    end() {},
  };
}

function categoryParents(get: Get, part: number, emit: Emit): RowRule {
  const defined = new Map<string, number>();
  const waiting = new Map<string, number[]>();
  let full = false;
  return {
    row(cells, row) {
      const id = get(cells, 'id');
      const parent = get(cells, 'parent_id');
      if (!phpEmpty(parent)) {
        if (parent === id) {
          emit(
            issue(
              part,
              row,
              'parent_id',
              parent,
              'printxpand.category-parent',
              `A category cannot be its own parent (the remote answers "${CATEGORY_MESSAGES.badData}").`,
            ),
          );
        } else if (!defined.has(parent) && !full) {
          const rows = waiting.get(parent) ?? [];
          rows.push(row);
          waiting.set(parent, rows);
        }
      }
      if (!phpEmpty(id) && !defined.has(id) && !full) defined.set(id, row);
      if (defined.size + waiting.size > MAX_TRACKED) full = true;
    },
    end() {
      for (const [parent, rows] of waiting) {
        const later = defined.get(parent);
        for (const row of rows) {
          if (later !== undefined) {
            emit(
              issue(
                part,
                row,
                'parent_id',
                parent,
                'printxpand.category-order',
                `Parent category ${parent} comes on row ${later}, after this row: the remote creates categories in order and rejects this one ("${CATEGORY_MESSAGES.badData}"). Put parents first.`,
              ),
            );
          } else {
            emit(
              issue(
                part,
                row,
                'parent_id',
                parent,
                'printxpand.category-parent',
                `Parent category ${parent} is not in this file: it must already exist in PrintXpand, or the remote answers "${CATEGORY_MESSAGES.badData}".`,
                'warning',
              ),
            );
          }
        }
      }
    },
  };
}

interface Variation {
  row: number;
  id: string;
  attributes: string;
}

function parseAttributes(text: string): Map<string, string> | string {
  const out = new Map<string, string>();
  for (const pair of text.split(';')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 1) return `"${pair.trim()}" is not Name=Option`;
    const name = pair.slice(0, eq).trim();
    const option = pair.slice(eq + 1).trim();
    if (out.has(name)) return `${name} is given twice`;
    if (option === '') return `${name} has no option`;
    out.set(name, option);
  }
  return out;
}

function configurable(get: Get, part: number, emit: Emit): RowRule {
  const parents = new Map<string, { row: number; names: string[] }>();
  const variations = new Map<string, Variation[]>();
  let tracked = 0;
  const bad = (row: number, column: string, value: string, why: string) =>
    emit(
      issue(
        part,
        row,
        column,
        value,
        'printxpand.variations',
        `${why} (the remote answers "${PRODUCT_MESSAGES.badVariations}").`,
      ),
    );
  return {
    row(cells, row) {
      const id = get(cells, 'id');
      const parent = get(cells, 'parent_id');
      if (parent === '') {
        for (const column of ['name', 'type']) {
          if (get(cells, column) !== '') continue;
          emit(
            issue(
              part,
              row,
              column,
              '',
              'required',
              `${column} is empty but required on a product row (the remote answers "${PRODUCT_MESSAGES.badData}"): fill it in.`,
            ),
          );
        }
      }
      if (tracked++ > MAX_TRACKED) return;
      if (get(cells, 'type').toLowerCase() === 'configurable') {
        const names = get(cells, 'attribute_names')
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
        parents.set(id, { row, names });
      }
      if (parent !== '') {
        const list = variations.get(parent) ?? [];
        list.push({ row, id, attributes: get(cells, 'attributes') });
        variations.set(parent, list);
      }
    },
    end() {
      for (const [id, p] of parents) {
        if (p.names.length === 0)
          bad(
            p.row,
            'attribute_names',
            '',
            'A configurable product needs attribute_names such as Size,Color',
          );
        else if (new Set(p.names).size !== p.names.length)
          bad(p.row, 'attribute_names', p.names.join(','), 'attribute_names lists a name twice');
        if (!variations.has(id))
          bad(
            p.row,
            'id',
            id,
            `Configurable product ${id} has no variation rows (rows with parent_id ${id})`,
          );
      }
      for (const [parentId, list] of variations) {
        const p = parents.get(parentId);
        if (!p) {
          for (const v of list)
            bad(
              v.row,
              'parent_id',
              parentId,
              `parent_id ${parentId} is not a configurable product in this file`,
            );
          continue;
        }
        const combos = new Map<string, number>();
        for (const v of list) {
          if (phpEmpty(v.id) || v.id === parentId) {
            bad(
              v.row,
              'id',
              v.id,
              v.id === parentId ? 'A variation needs an id of its own' : 'A variation needs an id',
            );
            continue;
          }
          const attrs = parseAttributes(v.attributes);
          if (typeof attrs === 'string') {
            bad(v.row, 'attributes', v.attributes, `attributes: ${attrs}; write them like Size=M;Color=Red`);
            continue;
          }
          const names = [...attrs.keys()];
          const missing = p.names.filter((n) => !attrs.has(n));
          const extra = names.filter((n) => !p.names.includes(n));
          if (missing.length || extra.length) {
            const parts = [
              missing.length ? `missing ${missing.join(', ')}` : '',
              extra.length ? `unknown ${extra.join(', ')}` : '',
            ].filter(Boolean);
            bad(
              v.row,
              'attributes',
              v.attributes,
              `The variation's attributes must be exactly ${p.names.join(', ')}: ${parts.join('; ')}`,
            );
            continue;
          }
          const combo = p.names.map((n) => attrs.get(n)).join('\u0000');
          const first = combos.get(combo);
          if (first !== undefined)
            bad(v.row, 'attributes', v.attributes, `Variation repeats the combination of row ${first}`);
          else combos.set(combo, v.row);
        }
      }
    },
  };
}

export function createRowRules(
  template: Template,
  mapping: ColumnMapping,
  _headers: string[],
  part: number,
  emit: Emit,
): RowRule[] {
  const get = getter(mapping);
  return (template.rowRules ?? []).flatMap((name) => {
    switch (name) {
      case 'printxpand-order-lists':
        return [orderLists(get, part, emit)];
      case 'printxpand-category-parents':
        return [categoryParents(get, part, emit)];
      case 'printxpand-configurable':
        return [configurable(get, part, emit)];
      default:
        return [];
    }
  });
}

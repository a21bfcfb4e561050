/**
 * WEXBO products (seeds/001_15500709165aa147.txt, digest and data types in seeds/README.md). The
 * endpoint reference is private, so the fields are the demo simulator's (src/core/demo-pim/wexbo/
 * fields.ts and write.ts, which answer 409 for the same values this template rejects): code is a
 * WEXBO `code`, active a `boolean`, price/vat/weight `float` with a dot, stock an `integer`,
 * currency ISO 4217, ean a GTIN with a valid check digit, images `url`s.
 */
import type { ColumnRule, Template } from '../types';

/** VAT is a fraction below 1 (0.23 for 23 %); the WEXBO simulator answers 409 to anything else. */
const VAT_FRACTION = '^0(\\.\\d+)?$';
const VAT_MESSAGE = 'VAT is a fraction from 0 to below 1: write 0.23 for 23 %.';
const SEED = 'seeds/001_15500709165aa147.txt';
const col = (column: string, rule: Partial<ColumnRule> = {}): ColumnRule => ({
  column,
  source: SEED,
  ...rule,
});

export const WEXBO_TEMPLATES: Template[] = [
  {
    id: 'wexbo-products',
    name: 'WEXBO products',
    system: 'wexbo',
    description: 'POST/PUT /products (JSON, 1 MB and 100 parameters per request): one product per row.',
    source: SEED,
    unknownColumns: 'warning',
    columns: [
      col('code', { type: 'code', unique: true, aliases: ['sku'] }),
      col('name', { required: true, requiredMessage: 'Field name is required.' }),
      col('description'),
      col('active', { type: 'boolean' }),
      col('price', { type: 'float', range: { min: 0 } }),
      col('currency', { type: 'currency' }),
      col('vat', { type: 'float', pattern: VAT_FRACTION, patternMessage: VAT_MESSAGE }),
      col('weight', { type: 'float', range: { min: 0 } }),
      col('stock', { type: 'integer', range: { min: 0 } }),
      col('ean', { type: 'gtin', aliases: ['gtin'] }),
      col('brand'),
      col('supplier'),
      col('supplier_code'),
      col('category_id'),
      col('size'),
      col('colour', { aliases: ['color'] }),
      col('material'),
      col('labels', { list: ',' }),
      col('images', { type: 'url', list: ',' }),
    ],
  },
];

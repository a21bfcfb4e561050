/**
 * ETIM mapper products (seeds/004_48b37cfc1a1923fe.txt, "productsData.json" of the PUT): one product
 * per row, language-keyed texts as `productName[en]`. The PUT rejects a product without productId or
 * with one longer than 32 characters (MAX_PRODUCT_ID of the simulator, the seed's "rejected (product
 * ID longer than 32 characters)"); strings are trimmed ("should not contain spaces at the beginning
 * and at the end"); languages are ISO 639-1, countries ISO 3166-1, currencies ISO 4217; dates are
 * YYYY-MM-DD; numbers travel as strings with a dot.
 */
import { MAX_PRODUCT_ID } from '../../demo-pim/etim/products';
import type { ColumnRule, Template } from '../types';

/** VAT is a fraction below 1 (the seed's example is "vat":"0.23"). */
const VAT_FRACTION = '^0(\\.\\d+)?$';
const VAT_MESSAGE = 'VAT is a fraction from 0 to below 1: write 0.23 for 23 %.';
const SEED = 'seeds/004_48b37cfc1a1923fe.txt';

const text = (column: string): ColumnRule => ({ column, source: SEED });
const translated = (field: string): ColumnRule => ({
  column: `${field}[…]`,
  headerPattern: `^${field}\\[([^\\]]*)\\]$`,
  headerLanguage: true,
  source: SEED,
});
const num = (column: string): ColumnRule => ({ column, type: 'float', source: SEED });
const date = (column: string): ColumnRule => ({ column, type: 'date', source: SEED });
const bool = (column: string): ColumnRule => ({ column, enum: ['true', 'false'], source: SEED });

export const ETIM_TEMPLATES: Template[] = [
  {
    id: 'etim-products',
    name: 'ETIM mapper products',
    system: 'etim',
    description: 'PUT /products (up to 16 MB of JSON per request): one product per row.',
    source: SEED,
    unknownColumns: 'warning',
    columns: [
      {
        column: 'productId',
        required: true,
        requiredMessage: 'missing product ID (the product is rejected).',
        length: { max: MAX_PRODUCT_ID },
        unique: true,
        aliases: ['product id', 'product_id'],
        source: SEED,
      },
      // A warning, not an error: the seed's own example "gtin":"1111111111111" fails the GS1 check
      // digit and is accepted (the simulator does not check it either).
      { column: 'gtin', type: 'gtin', severity: 'warning', aliases: ['ean', 'upc'], source: SEED },
      text('altPid'),
      translated('productName'),
      translated('longDescription'),
      translated('minimalDescription'),
      text('productStatus'),
      text('productCondition'),
      text('supplier'),
      text('supplierPid'),
      text('manufacturerName'),
      text('manufacturerPid'),
      text('brandName'),
      { column: 'countryOfOrigin', type: 'country', list: ',', source: SEED },
      bool('productInStock'),
      bool('batteryContained'),
      bool('rohsIndicator'),
      bool('ceMarking'),
      date('validFrom'),
      date('expirationDate'),
      date('reachDate'),
      text('productType'),
      num('netLength'),
      num('netWidth'),
      num('netHeight'),
      num('netWeight'),
      text('netWeightUnit'),
      num('listPrice'),
      num('recommendedRetailPrice'),
      { column: 'priceCurrency', type: 'currency', source: SEED },
      { column: 'vat', type: 'float', pattern: VAT_FRACTION, patternMessage: VAT_MESSAGE, source: SEED },
      { column: 'territory', type: 'country', list: ',', source: SEED },
      {
        column: 'etimClassId',
        pattern: '^EC\\d{6}$',
        patternMessage: 'An ETIM class id is EC followed by 6 digits (EC000722).',
        aliases: ['classId', 'etim class'],
        source: SEED,
      },
      { column: 'attachmentLanguage', type: 'language', list: ',', source: SEED },
      { column: 'attachmentUri', type: 'url', source: SEED },
    ],
  },
];

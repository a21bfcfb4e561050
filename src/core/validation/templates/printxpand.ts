/**
 * PrintXpand custom API on Magento 2 (seeds/003_f9a1ab627ff386f6.txt): customers, categories,
 * products (simple and configurable) and orders. The API takes JSON batches, so a supplier file is
 * one record per row with these columns (our flat layout, docs/validation.md): list fields are
 * comma-separated, `shipping_address.*` are the order's address fields, and a configurable product's
 * variations are rows whose `parent_id` names it, with `attributes` like `Size=M;Color=Red`.
 * Messages are the remote's, from src/core/demo-pim/printxpand (the simulator of the seed).
 */
import { CATEGORY_MESSAGES } from '../../demo-pim/printxpand/categories';
import { CUSTOMER_MESSAGES } from '../../demo-pim/printxpand/customers';
import { ORDER_MESSAGES } from '../../demo-pim/printxpand/orders';
import { PRODUCT_MESSAGES } from '../../demo-pim/printxpand/products';
import type { ColumnRule, Template } from '../types';

const SEED = 'seeds/003_f9a1ab627ff386f6.txt';

/** PHP's empty(): "0" is no id at all (validId in the simulator). */
const ID_RULE = { pattern: '^(?!0$)', source: SEED } as const;

const id = (requiredMessage: string, extra: Partial<ColumnRule> = {}): ColumnRule => ({
  column: 'id',
  required: true,
  requiredMessage,
  patternMessage: requiredMessage,
  unique: true,
  ...ID_RULE,
  ...extra,
});

/** "int(0,1)" in the seed; the remote stores any other number as 1, so it is a warning. */
const flag = (column: string): ColumnRule => ({
  column,
  enum: ['0', '1'],
  severity: 'warning',
  source: SEED,
});

const base = {
  system: 'printxpand' as const,
  source: SEED,
  unknownColumns: 'warning' as const,
  utf8Only: false,
};

export const PRINTXPAND_TEMPLATES: Template[] = [
  {
    ...base,
    id: 'printxpand-customers',
    name: 'PrintXpand customers',
    description: 'POST /rest/V1/customer/create/: one customer per row.',
    columns: [
      id(CUSTOMER_MESSAGES.badId, { aliases: ['customer_id'] }),
      { column: 'first_name', aliases: ['firstname', 'first name'], source: SEED },
      { column: 'last_name', aliases: ['lastname', 'last name'], source: SEED },
      {
        column: 'email',
        type: 'email',
        // The remote does not check the form (the seed's own "streakstyris@10@gmail.com" passes)
        // but refuses a second new customer with the same address.
        severity: 'warning',
        unique: true,
        uniqueIgnoreCase: true,
        aliases: ['e-mail', 'email address'],
        source: SEED,
      },
    ],
  },
  {
    ...base,
    id: 'printxpand-categories',
    name: 'PrintXpand categories',
    description: 'POST /rest/V1/category/create/: parents before their children.',
    columns: [
      id(CATEGORY_MESSAGES.badData, { aliases: ['category_id'] }),
      { column: 'name', required: true, requiredMessage: CATEGORY_MESSAGES.badData, source: SEED },
      { column: 'parent_id', aliases: ['parent'], source: SEED },
      flag('status'),
    ],
    rowRules: ['printxpand-category-parents'],
  },
  {
    ...base,
    id: 'printxpand-products',
    name: 'PrintXpand products (simple and configurable)',
    description: 'POST /rest/V1/product/create/: variations are rows with parent_id.',
    columns: [
      id(PRODUCT_MESSAGES.badData, { aliases: ['product_id', 'sku'] }),
      // Required on product rows only (variation rows inherit them): checked by the row rule.
      { column: 'name', requiredHeader: true, source: SEED },
      {
        column: 'type',
        requiredHeader: true,
        enum: ['simple', 'configurable'],
        enumIgnoreCase: true,
        source: SEED,
      },
      { column: 'price', type: 'float', source: SEED },
      { column: 'special_price', type: 'float', source: SEED },
      { column: 'category_id', list: ',', aliases: ['category_ids'], source: SEED },
      flag('status'),
      flag('enable_product_designer'),
      { column: 'images', type: 'url', list: ',', source: SEED },
      { column: 'attribute_names', source: SEED },
      { column: 'parent_id', aliases: ['configurable_id'], source: SEED },
      { column: 'attributes', source: SEED },
    ],
    rowRules: ['printxpand-configurable'],
  },
  {
    ...base,
    id: 'printxpand-orders',
    name: 'PrintXpand orders',
    description: 'POST /rest/V1/order/create/: design_id, item_price and item_qty are parallel lists.',
    columns: [
      {
        column: 'order_id',
        required: true,
        requiredMessage: ORDER_MESSAGES.badData,
        patternMessage: ORDER_MESSAGES.badData,
        unique: true,
        ...ID_RULE,
      },
      // PHP's empty() makes "0" a missing sub_total too.
      {
        column: 'sub_total',
        required: true,
        requiredMessage: ORDER_MESSAGES.badData,
        type: 'float',
        pattern: '^(?!0$)',
        patternMessage: ORDER_MESSAGES.badData,
        source: SEED,
      },
      { column: 'status', source: SEED },
      {
        column: 'design_id',
        required: true,
        requiredMessage: ORDER_MESSAGES.badData,
        list: ',',
        source: SEED,
      },
      {
        column: 'item_price',
        required: true,
        requiredMessage: ORDER_MESSAGES.badData,
        type: 'float',
        list: ',',
        source: SEED,
      },
      {
        column: 'item_qty',
        required: true,
        requiredMessage: ORDER_MESSAGES.badData,
        type: 'integer',
        list: ',',
        source: SEED,
      },
      {
        column: 'shipping_address.name',
        required: true,
        requiredMessage: ORDER_MESSAGES.badData,
        aliases: ['shipping_name'],
        source: SEED,
      },
      { column: 'shipping_address.address1', aliases: ['shipping_address1'], source: SEED },
      { column: 'shipping_address.address2', aliases: ['shipping_address2'], source: SEED },
      { column: 'shipping_address.city', aliases: ['shipping_city'], source: SEED },
      { column: 'shipping_address.state', aliases: ['shipping_state'], source: SEED },
      { column: 'shipping_address.country', aliases: ['shipping_country'], source: SEED },
      {
        column: 'shipping_address.country_code',
        type: 'country',
        severity: 'warning',
        aliases: ['shipping_country_code'],
        source: SEED,
      },
      { column: 'shipping_address.zip', aliases: ['shipping_zip'], source: SEED },
      { column: 'shipping_address.phone', aliases: ['shipping_phone'], source: SEED },
    ],
    rowRules: ['printxpand-order-lists'],
  },
];

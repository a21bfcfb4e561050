/**
 * Wizart CSV + image ZIP imports (seeds/000_e06ea13dbfabb382.txt, "Checking import status"), from
 * the demo simulator's PRODUCT_TYPES so the pre-flight fails what src/core/demo-pim/wizart/analyze.ts
 * fails: validating_csv (not UTF-8, quotes, a header that differs from the template in any column,
 * wrong field count, empty required field, no rows), checking_images (an image not in the ZIP) and
 * importing_data (a non-numeric number skips the row; a file that is not an image stops the import).
 */
import { PRODUCT_TYPES } from '../../demo-pim/wizart/schema';
import type { ProductType } from '../../demo-pim/wizart/schema';
import type { ColumnRule, Template } from '../types';

const SEED = 'seeds/000_e06ea13dbfabb382.txt';

function toTemplate(type: ProductType): Template {
  const columns: ColumnRule[] = type.columns.map((column) => {
    const rule: ColumnRule = { column, source: SEED };
    if (type.required.includes(column)) {
      rule.required = true;
      rule.requiredMessage = `Row N: the ${column} field is required.`;
    }
    if (type.numeric.includes(column)) rule.type = 'float';
    if (column === type.imageColumn) rule.type = 'image-file';
    if (column === type.keyColumn) {
      // Products are stored by vendor code: a repeated code overwrites the earlier row.
      rule.unique = true;
      rule.severity = 'warning';
    }
    return rule;
  });
  return {
    id: `wizart-${type.code}`,
    name: `Wizart ${type.name} (CSV + image ZIP)`,
    system: 'wizart',
    description: `POST /api/v2.1/product-type/${type.code}/import with the CSV and a ZIP of images.`,
    source: SEED,
    unknownColumns: 'error',
    exactHeaders: true,
    allColumnsRequired: true,
    utf8Only: true,
    delimiter: ',',
    rowsRequired: true,
    formats: ['csv'],
    columns,
    images: { column: type.imageColumn, maxBytes: 20 * 1024 * 1024 },
  };
}

export const WIZART_TEMPLATES: Template[] = PRODUCT_TYPES.map(toTemplate);

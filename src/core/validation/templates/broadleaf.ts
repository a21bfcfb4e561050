/**
 * Broadleaf admin importer specifications (seeds/002_dd6ca172e7a2ab05.txt, "API Import" and the
 * recordValidation example). Built from the demo simulator's SPECIFICATIONS so the pre-flight
 * rejects exactly what src/core/demo-pim/broadleaf/validate.ts rejects: a missing required header
 * ("Missing Required Header"), any header the specification does not know ("Unknown Header"), an
 * empty required value ("Missing Required Data", the seed's wording), a non-numeric number ("Invalid
 * Number Format"), a malformed record, and a body that is not UTF-8 ("Error in the uploaded file").
 */
import { MESSAGES, SPECIFICATIONS } from '../../demo-pim/broadleaf/specs';
import type { Specification } from '../../demo-pim/broadleaf/specs';
import type { ColumnRule, Template } from '../types';

const SEED = 'seeds/002_dd6ca172e7a2ab05.txt';

const ID: Record<string, string> = {
  DefaultProductImportSpecification: 'broadleaf-product',
  DefaultCategoryImportSpecification: 'broadleaf-category',
  DefaultCustomerImportSpecification: 'broadleaf-customer',
  DefaultCustomerAddressImportSpecification: 'broadleaf-address',
  DefaultOrderImportSpecification: 'broadleaf-order',
};

/** `^Product Title\(.+\)$` → `Product Title(…)`: how a header family is shown to people. */
function familyLabel(source: string): string {
  return source
    .replace(/^\^|\$$/g, '')
    .replace(/\\\(\.\+\\\)/g, '(…)')
    .replace(/\\\[\.\+\\\]/g, '[…]');
}

function toTemplate(spec: Specification): Template {
  const columns: ColumnRule[] = spec.columns.map((c) => {
    const rule: ColumnRule =
      typeof c.header === 'string'
        ? { column: c.header }
        : { column: familyLabel(c.header.source), headerPattern: c.header.source };
    if (c.required) {
      rule.required = true;
      rule.requiredMessage = MESSAGES.missingData;
    }
    if (typeof c.header === 'string' && spec.requiredHeaders.includes(c.header)) rule.requiredHeader = true;
    if (c.type === 'number') rule.type = 'float';
    if (c.type === 'integer') rule.type = 'integer';
    // The importer upserts by the key column: a second row with the same key overwrites the first.
    if (c.header === spec.key) {
      rule.unique = true;
      rule.severity = 'warning';
    }
    rule.source = SEED;
    return rule;
  });
  return {
    id: ID[spec.name] ?? spec.name,
    name: `Broadleaf ${spec.name} (${spec.importType})`,
    system: 'broadleaf',
    description: `POST /admin/api/importer/${spec.importType}?importSpecification=${spec.name}: CSV or XLSX.`,
    source: SEED,
    unknownColumns: 'error',
    exactHeaders: true,
    utf8Only: true,
    delimiter: ',',
    columns,
  };
}

export const BROADLEAF_TEMPLATES: Template[] = SPECIFICATIONS.map(toTemplate);

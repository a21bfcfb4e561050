/** The grid's column filters (catalog:queryRows `filters`): one per column, and how a chip reads. */
import { t } from '../i18n';

export interface ColumnFilter {
  path: string;
  op: 'contains' | 'equals';
  value: string;
}

/** One filter per column: setting a column's filter replaces the old one; an empty value removes it. */
export function withFilter(filters: readonly ColumnFilter[], next: ColumnFilter): ColumnFilter[] {
  const rest = filters.filter((f) => f.path !== next.path);
  return next.value === '' ? rest : [...rest, next];
}

export function filterText(filter: ColumnFilter, label: string): string {
  const value =
    filter.value === 'true'
      ? t('grid.filter.yes')
      : filter.value === 'false'
        ? t('grid.filter.no')
        : filter.value;
  return t(filter.op === 'equals' ? 'grid.filter.chipEquals' : 'grid.filter.chipContains', {
    column: label,
    value,
  });
}

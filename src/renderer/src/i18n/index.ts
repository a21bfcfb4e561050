import { en } from './en';
import type { MessageKey } from './en';

export type { MessageKey };

/** Looks a text up in the catalog and fills `{name}` placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in vars ? formatValue(vars[name] as string | number) : `{${name}}`,
  );
}

const numberFormat = new Intl.NumberFormat('en');

function formatValue(value: string | number): string {
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

export function formatTime(iso: string | null): string {
  if (!iso) return t('common.never');
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

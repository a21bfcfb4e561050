import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { en } from '../../i18n/en';

/** `key` with `{n}`, or its `key.one` variant when n is 1 and the catalog has one. */
export function tn(key: MessageKey, n: number, vars: Record<string, string | number> = {}): string {
  const one = `${key}.one`;
  return t((n === 1 && one in en ? one : key) as MessageKey, { n, ...vars });
}

/** The file name of a path (core's run list gives paths). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

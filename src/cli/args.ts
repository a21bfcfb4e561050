import { UsageError } from './io';

export type Values = Record<string, string | boolean | string[] | undefined>;

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function required(values: Values, name: string, why: string): string {
  const v = str(values, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required ${why}`);
  return v;
}

export function int(values: Values, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${v}"`);
  return n;
}

export function positional(positionals: string[], index: number, name: string): string {
  const v = positionals[index];
  if (v === undefined || v === '') throw new UsageError(`missing <${name}>`);
  return v;
}

/** `--setting key=value`, repeatable. */
export function keyValues(values: Values, name: string): Record<string, string> {
  const raw = values[name];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} takes key=value, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

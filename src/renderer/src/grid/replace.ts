/** Find and replace requests: which columns take a text replacement, and literal text as a pattern. */
import type { GridColumn } from '../../../shared/domain';

/** Types whose values are text, so a text replacement keeps them valid. */
const TEXT_TYPES: ReadonlySet<GridColumn['type']> = new Set([
  'string',
  'code',
  'gtin',
  'email',
  'url',
  'enum',
  'currency',
  'date',
  'datetime',
]);

export function replaceableColumns(columns: readonly GridColumn[]): GridColumn[] {
  return columns.filter((c) => !c.readonly && TEXT_TYPES.has(c.type));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ReplaceRequest {
  pattern: string;
  flags: string;
  replacement: string;
}

/** Plain text is matched literally and replaced literally (`$` in the replacement is not special). */
export function buildReplace(input: {
  find: string;
  replacement: string;
  regex: boolean;
  matchCase: boolean;
}): ReplaceRequest & { error: string | null } {
  const pattern = input.regex ? input.find : escapeRegExp(input.find);
  const flags = input.matchCase ? '' : 'i';
  const replacement = input.regex ? input.replacement : input.replacement.replace(/\$/g, '$$$$');
  let error: string | null = null;
  try {
    new RegExp(pattern, flags);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  return { pattern, flags, replacement, error };
}

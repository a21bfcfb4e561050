import { t } from '../i18n';

/** Reads a field by path: a literal key first (flat records), then dotted segments (nested ones). */
export function valueAt(doc: Record<string, unknown> | null, path: string): unknown {
  if (!doc) return undefined;
  if (Object.hasOwn(doc, path)) return doc[path];
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Text of an edit box: strings as typed, anything else as JSON so it parses back to the same type. */
export function editText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What the user typed: JSON when it parses (numbers, booleans, objects), else the plain string. */
export function parseEdit(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A field value shown in a table cell; an absent field says so instead of an empty cell. */
export function FieldValue(props: { value: unknown }) {
  const { value } = props;
  if (value === undefined || value === null)
    return <span className="field-value--empty">{t('changes.value.empty')}</span>;
  return (
    <span className="field-value mono">{typeof value === 'string' ? value : JSON.stringify(value)}</span>
  );
}

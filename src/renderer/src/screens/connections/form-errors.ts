/**
 * Errors of connections:create and connections:update placed next to the field they are about. The
 * contract's invalid_input errors list issues as `input.<path>: <message>` (shared/rpc.ts); core's
 * own checks (an address that is not HTTPS, a taken name) come as one message without a path.
 */
import { ApiError } from '../../api/client';
import { t } from '../../i18n';
import type { KindField } from './kinds';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  fields: FieldErrors;
  general: string | null;
}

/** `input.secrets.token` → `token`; `input.baseUrl` → `baseUrl`. */
function fieldOfPath(path: string): string | null {
  const parts = path.split('.');
  if (parts[0] !== 'input' || parts.length < 2) return null;
  if ((parts[1] === 'secrets' || parts[1] === 'settings') && parts[2]) return parts[2];
  return parts[1] ?? null;
}

export function errorsFrom(err: unknown): FormErrors {
  if (!(err instanceof ApiError)) {
    return { fields: {}, general: err instanceof Error ? err.message : String(err) };
  }
  const fields: FieldErrors = {};
  if (err.code === 'invalid_input' && Array.isArray(err.details)) {
    for (const issue of err.details) {
      if (typeof issue !== 'string') continue;
      const at = issue.indexOf(': ');
      const field = at > 0 ? fieldOfPath(issue.slice(0, at)) : null;
      if (field && !fields[field]) fields[field] = issue.slice(at + 2);
    }
    if (Object.keys(fields).length > 0) return { fields, general: null };
  }
  if (err.code === 'invalid_input' && /address|https?\b|http:/i.test(err.message)) {
    return { fields: { baseUrl: err.message }, general: null };
  }
  if ((err.code === 'invalid_input' || err.code === 'conflict') && /\bnamed?\b/i.test(err.message)) {
    return { fields: { name: err.message }, general: null };
  }
  return { fields: {}, general: err.message };
}

function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** The checks worth making before asking core: empty required fields and an address that is not one. */
export function checkLocally(values: {
  name: string;
  baseUrl: string;
  fields: readonly KindField[];
  settings: Record<string, string>;
  secrets: Record<string, string>;
  /** Secrets already stored (edit) or read from the environment need no value. */
  secretKept: (name: string) => boolean;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (values.name.trim() === '') errors.name = t('connections.error.nameRequired');
  const url = values.baseUrl.trim();
  if (url === '') errors.baseUrl = t('connections.error.urlRequired');
  else if (!isUrl(url)) errors.baseUrl = t('connections.error.urlInvalid');
  for (const f of values.fields) {
    if (!f.required) continue;
    const value = (f.secret ? values.secrets[f.name] : values.settings[f.name]) ?? '';
    if (value.trim() === '' && !(f.secret && values.secretKept(f.name))) {
      errors[f.name] = t('connections.error.required');
    }
  }
  return errors;
}

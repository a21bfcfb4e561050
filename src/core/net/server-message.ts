/**
 * Pulls the human message (and the offending field, when named) out of an error body, whatever shape
 * the remote uses. The user fixes a rejected record from this text, so it must be the server's own.
 *
 * Shapes handled:
 * - WEXBO envelope `{ errors: [{ code, msg, error, field }] }`, code 100 = warning (001_15500709165aa147.txt)
 * - ETIM `{ errors: ["…", "…"] }`, sent as text/html (004_48b37cfc1a1923fe.txt)
 * - JSON:API `{ errors: [{ title, detail, source: { pointer | parameter } }] }` (Wizart, 000_e06ea13dbfabb382.txt)
 * - Magento `{ message: "… %1 …", parameters: [...] | {name: value} }` (PrintXpand runs on Magento 2, 003_f9a1ab627ff386f6.txt)
 * - Spring / Broadleaf `{ message, error }` (002_dd6ca172e7a2ab05.txt), and plain text.
 */

export interface ServerMessage {
  message?: string;
  field?: string;
}

const MAX_MESSAGE = 500;

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_MESSAGE ? `${t.slice(0, MAX_MESSAGE)}…` : t;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

function fromErrorsArray(errors: unknown[]): ServerMessage | undefined {
  const texts = errors.filter((e): e is string => typeof e === 'string');
  if (texts.length > 0) return { message: clip(texts.join('; ')) };
  // WEXBO code 100 entries are warnings: report the real errors first.
  const objects = errors.filter(isRecord);
  const real = objects.filter((e) => e.code !== 100 && e.code !== '100');
  const picked = real.length > 0 ? real : objects;
  const messages: string[] = [];
  let field: string | undefined;
  for (const e of picked) {
    const m = str(e.msg) ?? str(e.detail) ?? str(e.title) ?? str(e.message);
    if (m) messages.push(m);
    const source = isRecord(e.source) ? e.source : undefined;
    field ??= str(e.field) ?? str(source?.parameter) ?? pointerField(str(source?.pointer));
  }
  if (messages.length === 0) return undefined;
  return { message: clip(messages.join('; ')), ...(field ? { field } : {}) };
}

/** JSON:API pointers look like `/data/attributes/name`: the field is what follows `attributes`. */
function pointerField(pointer: string | undefined): string | undefined {
  if (!pointer) return undefined;
  const parts = pointer.split('/').filter(Boolean);
  const i = parts.indexOf('attributes');
  return (i >= 0 ? parts.slice(i + 1) : parts).join('.') || undefined;
}

/** Magento writes `%1`/`%name` placeholders into `message` and the values into `parameters`. */
function magento(message: string, parameters: unknown): string {
  if (Array.isArray(parameters)) {
    return message.replace(/%(\d+)/g, (m, n: string) => str(parameters[Number(n) - 1]) ?? m);
  }
  if (isRecord(parameters)) return message.replace(/%(\w+)/g, (m, k: string) => str(parameters[k]) ?? m);
  return message;
}

export function extractServerMessage(bodyText: string): ServerMessage {
  const text = bodyText.trim();
  if (text === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // HTML error pages say nothing useful beyond their title; plain text is the message.
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
    if (title) return { message: clip(title) };
    return /^\s*</.test(text) ? {} : { message: clip(text) };
  }
  if (typeof json === 'string') return { message: clip(json) };
  if (!isRecord(json)) return {};
  if (Array.isArray(json.errors)) {
    const found = fromErrorsArray(json.errors);
    if (found) return found;
  }
  const message = str(json.message) ?? str(json.error_description) ?? str(json.detail) ?? str(json.error);
  if (!message) return {};
  const field = str(json.field);
  return { message: clip(magento(message, json.parameters)), ...(field ? { field } : {}) };
}

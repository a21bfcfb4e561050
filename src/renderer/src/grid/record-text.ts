/**
 * How the record panel and the grid's messages put a record into words: readable field paths and
 * values, the name a person knows it by, and its image URLs (pure, so it is unit-tested).
 */
import { t } from '../i18n';
import { pathSegment } from './view-columns';

export type Json = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf paths of a document: objects are walked, arrays of objects indexed, other arrays kept whole. */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const join = (k: string) => (prefix === '' ? pathSegment(k) : `${prefix}.${pathSegment(k)}`);
  if (isPlainObject(value) && (prefix === '' || Object.keys(value).length > 0)) {
    for (const [k, v] of Object.entries(value)) flatten(v, join(k), out);
  } else if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
    value.forEach((v, i) => flatten(v, join(String(i)), out));
  } else if (prefix !== '') {
    out.set(prefix, value);
  }
  return out;
}

/** A data: URL is shown by its type and size, not its thousands of base64 characters. */
function shortData(text: string): string {
  if (!text.startsWith('data:') || text.length <= 80) return text;
  const comma = text.indexOf(',');
  const head = comma > 0 && comma < 80 ? text.slice(0, comma) : text.slice(0, 40);
  const bytes = Math.round(((text.length - comma - 1) * 3) / 4);
  return `${head},… (${t('grid.panel.bytes', { n: bytes })})`;
}

/** A value as one readable line: lists of plain values joined by commas, objects as JSON. */
export function readable(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') return shortData(value);
  if (typeof value === 'boolean') return value ? t('grid.filter.yes') : t('grid.filter.no');
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.map((v) => (typeof v === 'string' ? shortData(v) : String(v))).join(', ');
  return JSON.stringify(value);
}

const IMAGE_KEY = /^(images?|pictures?|photos?|media|gallery|thumbnails?)$/i;
/** Attachments lists (ETIM/BMEcat `mime`) mix pictures with PDFs: only image files count there. */
const ATTACHMENT_KEY = /^(mimes?|attachments?|assets?)$/i;
const IMAGE_FILE = /^data:image\/|\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(\?.*)?$/i;

/**
 * Image URLs of a record: strings under its image-like top-level keys, or objects holding them
 * (`url`, `src`, `href`, ETIM's `mimeSource`, possibly per language: the first language's is taken).
 */
export function imageUrls(doc: Json | null): string[] {
  if (!doc) return [];
  const out: string[] = [];
  const take = (v: unknown, onlyImages: boolean) => {
    if (typeof v === 'string') {
      if (v !== '' && (!onlyImages || IMAGE_FILE.test(v))) out.push(v);
    } else if (isPlainObject(v)) {
      const inner = v.url ?? v.src ?? v.href ?? v.mimeSource;
      if (inner !== undefined) take(inner, onlyImages);
      // A per-language source ({ en: "/files/x.jpg" }): one picture, not one per language.
      else if (Object.keys(v).length > 0 && Object.keys(v).every((k) => /^[a-z]{2,3}([-_]\w+)?$/.test(k)))
        take(Object.values(v)[0], onlyImages);
    }
  };
  for (const [key, value] of Object.entries(doc)) {
    const onlyImages = ATTACHMENT_KEY.test(key);
    if (!onlyImages && !IMAGE_KEY.test(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) take(v, onlyImages);
  }
  return out;
}

export interface ImageRef {
  href: string;
  name: string;
  /** data:, blob: or this page's origin: the CSP lets it load. */
  inline: boolean;
}

/**
 * Where an image URL points: relative URLs belong to the remote system (its base URL), never to this
 * page. Only data:, blob: and same-origin images are drawn; the CSP refuses anything else.
 */
export function resolveImage(src: string, baseUrl: string | undefined, origin: string): ImageRef | null {
  let url: URL;
  try {
    url = baseUrl ? new URL(src, baseUrl) : new URL(src);
  } catch {
    return null;
  }
  const inline = url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === origin;
  const last = url.pathname.split('/').filter(Boolean).at(-1);
  let name = src.startsWith('data:') ? t('grid.panel.embeddedImage') : (last ?? url.host);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw name
  }
  return { href: url.href, name, inline };
}

/** The name a person knows a record by. */
export function recordTitle(doc: Json | null | undefined, remoteId: string | null, recordId: number): string {
  for (const key of ['name', 'title', 'productName', 'code', 'sku']) {
    const v = doc?.[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return remoteId ?? t('grid.record', { id: recordId });
}

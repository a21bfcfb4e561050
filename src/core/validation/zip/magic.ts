/**
 * What a file is from its first bytes. The accepted image formats are the Wizart simulator's
 * (looksLikeImage: JPEG, PNG, GIF, WEBP, TIFF); the others are named so a message can say what an
 * impostor ".jpg" really is.
 */
import { looksLikeImage } from '../../demo-pim/wizart/zip-inspect';

export type HeadKind = 'image' | 'not-image';

const SIGNATURES: [string, (b: Buffer, ascii: string) => boolean][] = [
  ['a PDF document', (_b, a) => a.startsWith('%PDF')],
  ['a ZIP archive or Office file', (_b, a) => a.startsWith('PK\u0003\u0004')],
  ['an HTML page', (_b, a) => /^\s*<(!doctype html|html)/i.test(a)],
  ['an SVG drawing (vector, not accepted as an image)', (_b, a) => /^\s*(<\?xml[^>]*>\s*)?<svg/i.test(a)],
  ['a BMP image (not accepted: use JPEG or PNG)', (_b, a) => a.startsWith('BM')],
  ['a HEIC/AVIF image (not accepted: use JPEG or PNG)', (_b, a) => a.slice(4, 8) === 'ftyp'],
  ['an executable program', (_b, a) => a.startsWith('MZ') || a.startsWith('\u007fELF')],
  [
    'text',
    (b) =>
      b.length > 0 && b.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2),
  ],
];

export function sniffHead(head: Buffer): { kind: HeadKind; looksLike: string } {
  if (looksLikeImage(head)) return { kind: 'image', looksLike: 'an image' };
  if (head.length === 0) return { kind: 'not-image', looksLike: 'empty' };
  const ascii = head.toString('latin1');
  const hit = SIGNATURES.find(([, test]) => test(head, ascii));
  return { kind: 'not-image', looksLike: hit ? hit[0] : 'not a known image format' };
}

/**
 * Which encoding a text file is in. A byte-order mark decides at once; then a sample that is valid
 * UTF-8 is UTF-8 (ASCII included); UTF-16 without a mark shows as zero bytes in every other
 * position; anything else goes to chardet's statistical detector (a maintained port of ICU's).
 * chardet names ISO-8859-x when a sample has no bytes in 0x80-0x9F; files from Windows Excel are
 * Windows-125x, which are the same letters plus those bytes, so a sample using them is moved over.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface EncodingGuess {
  /** An iconv-lite encoding name. */
  encoding: string;
  /** Bytes of byte-order mark at the start of the file. */
  bomLength: number;
  confidence: number;
  how: 'bom' | 'utf8-valid' | 'utf16-zeros' | 'chardet' | 'fallback';
}

export const SAMPLE_BYTES = 64 * 1024;

function validUtf8(sample: Uint8Array, complete: boolean): boolean {
  let end = sample.length;
  if (!complete) {
    // The sample may end inside a multi-byte character: drop up to 3 trailing continuation bytes.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && ((sample[end - back - 1] as number) & 0xc0) === 0x80) back++;
    const lead = sample[end - back - 1];
    if (lead !== undefined && lead >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function utf16ByZeros(sample: Uint8Array): string | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

const WINDOWS_OF: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-2': 'windows-1250',
  'iso-8859-5': 'windows-1251',
  'iso-8859-7': 'windows-1253',
  'iso-8859-9': 'windows-1254',
};

function usesC1(sample: Uint8Array): boolean {
  for (const b of sample) if (b >= 0x80 && b <= 0x9f) return true;
  return false;
}

/** @param complete whether the sample is the whole file (no character is cut at its end). */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3, confidence: 100, how: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe)
    return { encoding: 'utf-16le', bomLength: 2, confidence: 100, how: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff)
    return { encoding: 'utf-16be', bomLength: 2, confidence: 100, how: 'bom' };
  const utf16 = utf16ByZeros(sample);
  if (utf16) return { encoding: utf16, bomLength: 0, confidence: 90, how: 'utf16-zeros' };
  if (validUtf8(sample, complete))
    return { encoding: 'utf-8', bomLength: 0, confidence: 100, how: 'utf8-valid' };
  for (const match of chardet.analyse(sample)) {
    let name = match.name.toLowerCase();
    if (name === 'utf-8' || name.startsWith('utf-32') || name === 'iso-2022-jp') continue;
    if (WINDOWS_OF[name] && usesC1(sample)) name = WINDOWS_OF[name] as string;
    if (iconv.encodingExists(name))
      return { encoding: name, bomLength: 0, confidence: match.confidence, how: 'chardet' };
  }
  return { encoding: 'windows-1252', bomLength: 0, confidence: 0, how: 'fallback' };
}

/** How people know the encodings, for messages. */
export function encodingLabel(encoding: string): string {
  const e = encoding.toLowerCase();
  if (e === 'utf-8') return 'UTF-8';
  if (e.startsWith('utf-16')) return `UTF-16 ${e.endsWith('le') ? 'LE' : 'BE'}`;
  const win = /^windows-(\d+)$/.exec(e);
  if (win) return `Windows-${win[1]}`;
  return encoding.toUpperCase();
}

/** Encodings in which "\n", "\r", quotes and delimiters are single ASCII bytes. */
export function asciiCompatible(encoding: string): boolean {
  return !encoding.toLowerCase().startsWith('utf-16') && !encoding.toLowerCase().startsWith('utf-32');
}

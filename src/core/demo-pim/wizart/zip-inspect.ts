/**
 * Reads an uploaded ZIP the way an importer has to before unpacking it: the central directory only
 * (names, sizes, offsets), plus the first bytes of the few entries the caller asks about so that
 * "images" that are not images can be told apart. Shared by the Wizart and Broadleaf simulators.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
  isDirectory: boolean;
}

export type ZipInspection =
  { ok: true; entries: ZipEntryInfo[]; heads: Map<string, Buffer> } | { ok: false; reason: string };

/** Limits an importer needs so a hostile archive cannot exhaust the disk or memory while unpacking. */
export const ZIP_LIMITS = {
  maxEntries: 100_000,
  maxTotalUncompressed: 4 * 1024 ** 3,
  /** Deflate tops out near 1032:1; anything beyond is a crafted bomb. */
  maxRatio: 1100,
};

const HEAD_BYTES = 16;

async function readHead(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      stream.removeAllListeners();
      stream.on('error', () => undefined);
      stream.destroy();
      resolve(Buffer.concat(chunks).subarray(0, HEAD_BYTES));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= HEAD_BYTES) finish();
    });
    stream.on('end', finish);
    stream.on('error', reject);
  });
}

function checkLimits(entries: ZipEntryInfo[]): string | undefined {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.compressedSize > 0 && e.uncompressedSize / e.compressedSize > ZIP_LIMITS.maxRatio) {
      return `The entry ${e.name} expands ${Math.round(e.uncompressedSize / e.compressedSize)} times (zip bomb).`;
    }
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) return 'The archive is too large when unpacked.';
  // Overlapping entries (several names pointing at one compressed stream) are the other bomb shape.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    const cur = byOffset[i]!;
    if (cur.offset < prev.offset + Math.max(prev.compressedSize, 1)) {
      return `The entries ${prev.name} and ${cur.name} overlap.`;
    }
  }
  return undefined;
}

/**
 * @param wantHead picks the entries (by full path) whose first bytes the caller needs.
 */
export async function inspectZip(
  buffer: Buffer,
  wantHead: (name: string) => boolean = () => false,
): Promise<ZipInspection> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: false,
    });
  } catch (err) {
    return { ok: false, reason: `The archive cannot be read: ${(err as Error).message}` };
  }
  const entries: ZipEntryInfo[] = [];
  const heads = new Map<string, Buffer>();
  try {
    if (zip.entryCount > ZIP_LIMITS.maxEntries) {
      return {
        ok: false,
        reason: `The archive has ${zip.entryCount} entries (limit ${ZIP_LIMITS.maxEntries}).`,
      };
    }
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) return { ok: false, reason: `The entry ${entry.fileName} is encrypted.` };
      const info: ZipEntryInfo = {
        name: entry.fileName,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        offset: entry.relativeOffsetOfLocalHeader,
        isDirectory: entry.fileName.endsWith('/'),
      };
      entries.push(info);
      if (!info.isDirectory && wantHead(info.name) && checkLimits([info]) === undefined) {
        heads.set(info.name, await readHead(zip, entry));
      }
    }
  } catch (err) {
    // yauzl rejects absolute paths and `..` segments (zip slip) here, and truncated archives.
    return { ok: false, reason: `The archive cannot be unpacked: ${(err as Error).message}` };
  } finally {
    zip.close();
  }
  const limit = checkLimits(entries);
  if (limit) return { ok: false, reason: limit };
  return { ok: true, entries, heads };
}

/** True when the first bytes are those of an image format a PIM accepts. */
export function looksLikeImage(head: Buffer): boolean {
  const ascii = head.toString('latin1');
  return (
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    ascii.startsWith('\x89PNG\r\n\x1a\n') ||
    ascii.startsWith('GIF87a') ||
    ascii.startsWith('GIF89a') ||
    (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') ||
    ascii.startsWith('II*\0') ||
    ascii.startsWith('MM\0*')
  );
}

/** Last path segment of a ZIP entry name. */
export function baseName(name: string): string {
  const i = name.lastIndexOf('/');
  return i === -1 ? name : name.slice(i + 1);
}

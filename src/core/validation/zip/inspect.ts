/**
 * Pre-flight of a ZIP (an image archive, or the container of an XLSX) without unpacking it: yauzl
 * reads the central directory; each entry is judged from its metadata (zip slip, symlink,
 * encryption, declared sizes and ratio, overlap with another entry); only the first bytes of each
 * file are inflated to tell images from impostors; and the few entries whose metadata is suspicious
 * are inflated up to their declared size to catch an archive that lies about it.
 * Limits follow the Wizart simulator's unpacking_archive stage (demo-pim/wizart/zip-inspect.ts).
 */
import { inflateRawSync, constants } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ZIP_LIMITS } from '../../demo-pim/wizart/zip-inspect';
import type { Issue } from '../types';
import { BlockReader } from './block-reader';
import { sniffHead } from './magic';
import type { HeadKind } from './magic';

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  offset: number;
  isDir: boolean;
  /** Why the entry cannot be used (slip, symlink, encrypted, bomb…); undefined when fine. */
  unsafe?: string;
  kind: HeadKind | 'unread';
  /** What the first bytes are, for messages ("a PDF document"). */
  looksLike?: string;
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: ZIP_LIMITS.maxEntries,
  maxTotalBytes: ZIP_LIMITS.maxTotalUncompressed,
  maxRatio: ZIP_LIMITS.maxRatio,
};

export interface ZipInspection {
  entries: ZipEntryInfo[];
  issues: Issue[];
  /** The archive cannot be read at all. */
  fatal: string | null;
  timings: { directoryMs: number; headsMs: number; verifyMs: number };
}

const zipIssue = (
  rule: string,
  value: string | null,
  message: string,
  severity: Issue['severity'] = 'error',
): Issue => ({
  row: null,
  column: null,
  value,
  rule,
  severity,
  message,
});

function entryName(entry: Entry): { name: string; unsafe?: string } {
  const raw = entry.fileName as unknown as Buffer;
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  const problem = yauzl.validateFileName(name);
  if (problem) return { name, unsafe: `zip slip (${problem.replace(/: .*$/, '')})` };
  return { name };
}

function isSymlink(entry: Entry): boolean {
  const unix = entry.versionMadeBy >> 8 === 3;
  return unix && ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

/** Metadata checks of one entry; pushes issues and returns why it is unusable, if it is. */
function judge(entry: Entry, info: ZipEntryInfo, limits: ZipLimits, issues: Issue[]): string | undefined {
  const n = info.name;
  if (info.unsafe) {
    issues.push(
      zipIssue(
        'zip.slip',
        n,
        `"${n}" would be written outside the folder it is unpacked into (${info.unsafe}); importers refuse the archive. Rename the entry.`,
      ),
    );
    return info.unsafe;
  }
  if (isSymlink(entry)) {
    issues.push(
      zipIssue(
        'zip.symlink',
        n,
        `"${n}" is a symbolic link, not a file: importers refuse links (they can point anywhere on the server). Put the image itself in the ZIP.`,
      ),
    );
    return 'symlink';
  }
  if (entry.isEncrypted()) {
    issues.push(
      zipIssue(
        'zip.encrypted',
        n,
        `"${n}" is encrypted (password-protected ZIP): the remote cannot read it. Create the ZIP without a password.`,
      ),
    );
    return 'encrypted';
  }
  if (info.isDir) return undefined;
  if (info.method !== 0 && info.method !== 8) {
    issues.push(
      zipIssue(
        'zip.method',
        n,
        `"${n}" uses compression method ${info.method}; importers read only stored and deflated entries. Re-create the ZIP with standard settings.`,
      ),
    );
    return 'method';
  }
  if (info.method === 0 && info.compressedSize !== info.size) {
    issues.push(
      zipIssue(
        'zip.size-mismatch',
        n,
        `"${n}" is stored uncompressed but declares ${info.size} bytes for ${info.compressedSize} bytes of data: the archive is corrupt or crafted.`,
      ),
    );
    return 'size mismatch';
  }
  const ratio = info.compressedSize > 0 ? info.size / info.compressedSize : info.size > 0 ? Infinity : 0;
  if (ratio > limits.maxRatio) {
    issues.push(
      zipIssue(
        'zip.bomb',
        n,
        `"${n}" expands ${Number.isFinite(ratio) ? Math.round(ratio) : 'infinitely'} times (more than deflate can, ${limits.maxRatio}:1): a zip bomb. Do not upload this archive.`,
      ),
    );
    return 'ratio';
  }
  return undefined;
}

function checkOverlaps(entries: ZipEntryInfo[], issues: Issue[]): void {
  // Each local header (30 bytes + name) and its data must end before the next entry starts;
  // entries sharing bytes are the overlapping-entry bomb (one small stream counted many times).
  const files = entries.filter((e) => !e.isDir).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < files.length; i++) {
    const prev = files[i - 1] as ZipEntryInfo;
    const cur = files[i] as ZipEntryInfo;
    if (cur.offset < prev.offset + 30 + Buffer.byteLength(prev.name) + prev.compressedSize) {
      issues.push(
        zipIssue(
          'zip.overlap',
          cur.name,
          `"${cur.name}" overlaps "${prev.name}" in the archive (an overlapping-entry zip bomb or a corrupt ZIP). Do not upload this archive.`,
        ),
      );
      // The later entry is the one pointing into another's bytes.
      cur.unsafe ??= 'overlap';
    }
  }
}

function checkCollisions(entries: ZipEntryInfo[], issues: Issue[]): void {
  const byFolded = new Map<string, string[]>();
  for (const e of entries) {
    if (e.unsafe) continue;
    const key = e.name.normalize('NFC').toLowerCase();
    const list = byFolded.get(key);
    if (list) list.push(e.name);
    else byFolded.set(key, [e.name]);
  }
  for (const names of byFolded.values()) {
    if (names.length < 2) continue;
    const distinct = [...new Set(names)];
    const what =
      distinct.length === 1 ? 'appears more than once' : 'differ only in upper/lower case or accents';
    issues.push(
      zipIssue(
        'zip.collision',
        names[1] as string,
        `${distinct.map((n) => `"${n}"`).join(' and ')} ${what}: unpacked on Windows or macOS one overwrites the other. Rename one of them.`,
      ),
    );
  }
}

/** Reads the first bytes of each usable file straight from its local header (see magic.ts). */
function readHeads(reader: BlockReader, entries: ZipEntryInfo[]): void {
  const header = Buffer.alloc(30);
  const data = Buffer.alloc(4096);
  for (const e of entries) {
    if (e.isDir || e.unsafe || e.size === 0) continue;
    if (reader.readAt(header, 30, e.offset) < 30 || header.readUInt32LE(0) !== 0x04034b50) {
      e.unsafe = 'bad local header';
      continue;
    }
    const start = e.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    let take = Math.min(e.compressedSize, 256);
    for (;;) {
      const got = reader.readAt(data, take, start);
      let head: Buffer;
      try {
        head =
          e.method === 0
            ? data.subarray(0, got)
            : inflateRawSync(data.subarray(0, got), { finishFlush: constants.Z_SYNC_FLUSH });
      } catch {
        head = Buffer.alloc(0);
      }
      if (head.length >= 16 || take >= Math.min(e.compressedSize, data.length)) {
        Object.assign(e, sniffHead(head));
        break;
      }
      take = Math.min(e.compressedSize, data.length);
    }
  }
}

/** Entries whose metadata is unusual get inflated up to their declared size (never further). */
async function verifySuspicious(zip: ZipFile, raw: Map<ZipEntryInfo, Entry>, issues: Issue[]): Promise<void> {
  for (const [info, entry] of raw) {
    if (info.isDir || info.unsafe || info.method !== 8) continue;
    const ratio = info.compressedSize > 0 ? info.size / info.compressedSize : 0;
    // Images barely compress; deflate never grows data by more than ~0.03 % plus a few bytes.
    const suspicious = ratio > 20 || info.compressedSize > info.size * 1.01 + 64;
    if (!suspicious) continue;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      await new Promise<void>((resolve, reject) => {
        let seen = 0;
        stream.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > info.size) {
            stream.destroy();
            reject(new Error(`more than ${info.size} bytes`));
          }
        });
        stream.on('end', () => (seen === info.size ? resolve() : reject(new Error(`only ${seen} bytes`))));
        stream.on('error', reject);
      });
    } catch (err) {
      info.unsafe = 'actual size';
      issues.push(
        zipIssue(
          'zip.size-mismatch',
          info.name,
          `"${info.name}" does not unpack to the ${info.size} bytes it declares (${(err as Error).message}): a zip bomb or a corrupt archive. Do not upload it.`,
        ),
      );
    }
  }
}

export async function inspectZipFile(
  path: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  opts: { heads?: boolean } = {},
): Promise<ZipInspection> {
  const t0 = performance.now();
  const issues: Issue[] = [];
  const timings = { directoryMs: 0, headsMs: 0, verifyMs: 0 };
  let reader: BlockReader;
  let zip: ZipFile;
  try {
    reader = new BlockReader(path);
    zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      // Sizes are checked here (judge, verifySuspicious) so one bad entry does not end the listing.
      validateEntrySizes: false,
    });
  } catch (err) {
    return {
      entries: [],
      issues,
      fatal: `The archive cannot be read: ${(err as Error).message}. Is it a complete ZIP file?`,
      timings,
    };
  }
  const entries: ZipEntryInfo[] = [];
  const raw = new Map<ZipEntryInfo, Entry>();
  try {
    if (zip.entryCount > limits.maxEntries) {
      return {
        entries,
        issues,
        fatal: `The archive has ${zip.entryCount} entries, more than the ${limits.maxEntries} an importer accepts (a zip bomb or the wrong file).`,
        timings,
      };
    }
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const { name, unsafe } = entryName(entry);
      const info: ZipEntryInfo = {
        name,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        method: entry.compressionMethod,
        offset: entry.relativeOffsetOfLocalHeader,
        isDir: name.endsWith('/'),
        unsafe,
        kind: 'unread',
      };
      info.unsafe = judge(entry, info, limits, issues);
      total += info.size;
      entries.push(info);
      raw.set(info, entry);
    }
    if (total > limits.maxTotalBytes) {
      issues.push(
        zipIssue(
          'zip.too-large',
          null,
          `The archive unpacks to ${(total / 2 ** 30).toFixed(1)} GiB, more than the ${(limits.maxTotalBytes / 2 ** 30).toFixed(0)} GiB an importer unpacks (a zip bomb or far too many images).`,
        ),
      );
    }
    checkOverlaps(entries, issues);
    checkCollisions(entries, issues);
    timings.directoryMs = performance.now() - t0;
    const t1 = performance.now();
    if (opts.heads !== false) readHeads(reader, entries);
    timings.headsMs = performance.now() - t1;
    const t2 = performance.now();
    await verifySuspicious(zip, raw, issues);
    timings.verifyMs = performance.now() - t2;
  } catch (err) {
    return { entries, issues, fatal: `The archive cannot be read: ${(err as Error).message}.`, timings };
  } finally {
    zip.close();
  }
  return { entries, issues, fatal: null, timings };
}

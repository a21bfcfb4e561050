/**
 * File tokens: the renderer never sees or sends a file path. A file the user drops on the window or
 * picks in a native dialog is checked here (absolute path, a regular file, an extension the app
 * reads), registered under a random token, and only `{ token, name, size }` goes to the page. Core
 * turns a token back into a path through main (host-services.ts), which checks the file again and
 * that the token's mode (read or write) fits the use.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { realpath as fsRealpath, stat as fsStat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { StewardError } from '../shared/errors';
import type { ChosenFiles, FileRef, RejectedFile, SaveKind } from './shell-schemas';

/** What the importers and the validator read (core checks the format again). */
export const READABLE_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.txt', '.xlsx', '.zip'];
export const SAVE_EXTENSIONS: Readonly<Record<SaveKind, string>> = {
  csv: '.csv',
  tsv: '.tsv',
  txt: '.txt',
  xlsx: '.xlsx',
  zip: '.zip',
};
/** Largest file accepted (a big image ZIP); core has its own, tighter limits per use. */
export const MAX_FILE_BYTES = 4 * 1024 ** 3;
/** Files per drop or dialog; a whole folder dragged by mistake is refused, not half-registered. */
export const MAX_FILES_PER_CHOICE = 20;
export const MAX_TOKENS = 1000;
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_PATH_LENGTH = 4096;

export type FileMode = 'read' | 'write';

export interface FileStatLike {
  isFile(): boolean;
  size: number;
}

export interface FileSystemLike {
  stat(path: string): Promise<FileStatLike>;
  realpath(path: string): Promise<string>;
}

const nodeFs: FileSystemLike = { stat: (p) => fsStat(p), realpath: (p) => fsRealpath(p) };

function pathApi(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

export type PathCheck =
  { ok: true; path: string; name: string } | { ok: false; name: string; reason: string };

/** The shape of a path alone (no file-system access). */
export function checkPathShape(
  path: unknown,
  platform: NodeJS.Platform,
  extensions: readonly string[] = READABLE_EXTENSIONS,
): PathCheck {
  if (typeof path !== 'string' || path.length === 0)
    return { ok: false, name: '', reason: 'Not a file path.' };
  const api = pathApi(platform);
  const name = api.basename(path).slice(0, 255);
  if (path.length > MAX_PATH_LENGTH || path.includes('\0')) {
    return { ok: false, name, reason: 'The path is not valid.' };
  }
  if (!api.isAbsolute(path)) return { ok: false, name, reason: 'The path is not absolute.' };
  // Win32 device and verbatim namespaces (\\.\, \\?\) reach devices and bypass path normalisation.
  if (platform === 'win32' && /^[\\/]{2}[.?][\\/]/.test(path)) {
    return { ok: false, name, reason: 'Device paths are not accepted.' };
  }
  const extension = api.extname(path).toLowerCase();
  if (!extensions.includes(extension)) {
    return { ok: false, name, reason: `Only ${extensions.join(', ')} files are accepted.` };
  }
  return { ok: true, path, name };
}

export type ReadableCheck =
  { ok: true; path: string; name: string; size: number } | { ok: false; name: string; reason: string };

/**
 * A file the app may read: the path's shape, then the file itself. Links are followed and the
 * target must be a regular file with an accepted extension too, so `report.csv` linking to a key
 * file is refused.
 */
export async function checkReadableFile(
  path: unknown,
  options: { platform: NodeJS.Platform; fs?: FileSystemLike },
): Promise<ReadableCheck> {
  const shape = checkPathShape(path, options.platform);
  if (!shape.ok) return shape;
  const fs = options.fs ?? nodeFs;
  try {
    const real = await fs.realpath(shape.path);
    // Only the target's extension is checked again: a resolved Windows path may legitimately come
    // back in another form (e.g. a mapped drive as its UNC path).
    const targetExtension = pathApi(options.platform).extname(real).toLowerCase();
    if (!READABLE_EXTENSIONS.includes(targetExtension)) {
      return { ok: false, name: shape.name, reason: 'It links to a file the app does not read.' };
    }
    const info = await fs.stat(real);
    if (!info.isFile()) return { ok: false, name: shape.name, reason: 'Not a regular file.' };
    if (info.size > MAX_FILE_BYTES) return { ok: false, name: shape.name, reason: 'The file is too large.' };
    return { ok: true, path: real, name: shape.name, size: info.size };
  } catch {
    return { ok: false, name: shape.name, reason: 'The file does not exist or cannot be read.' };
  }
}

/** A save target from the native dialog: absolute, and with the extension of the kind asked for. */
export function checkSavePath(path: unknown, kind: SaveKind, platform: NodeJS.Platform): PathCheck {
  if (typeof path !== 'string' || path.length === 0)
    return { ok: false, name: '', reason: 'Not a file path.' };
  const extension = SAVE_EXTENSIONS[kind];
  const api = pathApi(platform);
  // Dialogs on some desktops return the name as typed, without the filter's extension.
  const withExtension = api.extname(path).toLowerCase() === extension ? path : `${path}${extension}`;
  return checkPathShape(withExtension, platform, [extension]);
}

/** A file name for a dialog's default path: no folders, no characters Windows refuses. */
export function safeFileName(name: string, kind: SaveKind): string {
  const extension = SAVE_EXTENSIONS[kind];
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[<>:"|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  const stem = base === '' ? 'export' : base;
  return stem.toLowerCase().endsWith(extension) ? stem : `${stem}${extension}`;
}

interface Entry {
  path: string;
  mode: FileMode;
  name: string;
  createdAt: number;
}

export interface FileTokenTableOptions {
  platform: NodeJS.Platform;
  fs?: FileSystemLike;
  randomBytes?: (size: number) => Buffer;
  now?: () => number;
  maxTokens?: number;
  ttlMs?: number;
}

export interface FileTokenTable {
  /** Checks and registers files the user dropped or opened (read tokens). */
  registerReadable(paths: readonly unknown[]): Promise<ChosenFiles>;
  /** Registers a save target (a write token). */
  registerWritable(path: unknown, kind: SaveKind): { ok: true; ref: Omit<FileRef, 'size'> } | RejectedFile;
  /** The path behind a token, re-checked now; throws a StewardError the caller can show. */
  resolve(token: unknown, mode: FileMode): Promise<string>;
  forget(token: unknown): boolean;
  size(): number;
}

export function createFileTokenTable(options: FileTokenTableOptions): FileTokenTable {
  const entries = new Map<string, Entry>();
  const random = options.randomBytes ?? nodeRandomBytes;
  const now = options.now ?? Date.now;
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  const ttlMs = options.ttlMs ?? TOKEN_TTL_MS;

  const prune = (): void => {
    const cutoff = now() - ttlMs;
    for (const [token, entry] of entries) if (entry.createdAt <= cutoff) entries.delete(token);
    // Map iteration is insertion order: the oldest tokens go first.
    while (entries.size >= maxTokens) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  const add = (entry: Omit<Entry, 'createdAt'>): string => {
    prune();
    let token = '';
    do token = `ft_${random(18).toString('base64url')}`;
    while (entries.has(token));
    entries.set(token, { ...entry, createdAt: now() });
    return token;
  };

  const live = (token: unknown): Entry | undefined => {
    if (typeof token !== 'string') return undefined;
    const entry = entries.get(token);
    if (!entry) return undefined;
    if (entry.createdAt <= now() - ttlMs) {
      entries.delete(token);
      return undefined;
    }
    return entry;
  };

  return {
    async registerReadable(paths) {
      if (paths.length > MAX_FILES_PER_CHOICE) {
        return {
          files: [],
          rejected: [
            { name: `${paths.length} files`, reason: `At most ${MAX_FILES_PER_CHOICE} files at once.` },
          ],
        };
      }
      const files: FileRef[] = [];
      const rejected: RejectedFile[] = [];
      for (const path of paths) {
        const checked = await checkReadableFile(path, {
          platform: options.platform,
          ...(options.fs ? { fs: options.fs } : {}),
        });
        if (!checked.ok) {
          rejected.push({ name: checked.name, reason: checked.reason });
          continue;
        }
        const token = add({ path: checked.path, mode: 'read', name: checked.name });
        files.push({ token, name: checked.name, size: checked.size });
      }
      return { files, rejected };
    },
    registerWritable(path, kind) {
      const checked = checkSavePath(path, kind, options.platform);
      if (!checked.ok) return { name: checked.name, reason: checked.reason };
      const token = add({ path: checked.path, mode: 'write', name: checked.name });
      return { ok: true, ref: { token, name: checked.name } };
    },
    async resolve(token, mode) {
      const entry = live(token);
      if (!entry) throw new StewardError('not_found', 'That file is no longer available: choose it again.');
      if (entry.mode !== mode) {
        throw new StewardError(
          'forbidden',
          `That file was chosen for ${entry.mode === 'read' ? 'reading' : 'saving'}.`,
        );
      }
      if (mode === 'read') {
        // The file may have been moved or replaced since it was chosen.
        const checked = await checkReadableFile(entry.path, {
          platform: options.platform,
          ...(options.fs ? { fs: options.fs } : {}),
        });
        if (!checked.ok) throw new StewardError('not_found', `${entry.name}: ${checked.reason}`);
        return checked.path;
      }
      return entry.path;
    },
    forget(token) {
      return typeof token === 'string' && entries.delete(token);
    },
    size: () => entries.size,
  };
}

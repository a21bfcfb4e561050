/**
 * Files core holds for a shell that cannot give it paths (the web shell: a browser never reveals a
 * dropped file's path, so the page uploads the bytes to its host). Each file gets an opaque token
 * like the desktop shell's (src/main/file-tokens.ts); tokens live in memory, files under
 * `<data folder>/files/`. Uploads older than a week are removed at start. Exports core writes
 * (corrected files, error lists) are registered here too, so the page can download them.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StewardError } from '../../shared/errors';

/** What the validator and the importers read; everything else is refused at the door. */
export const UPLOAD_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.txt', '.xlsx', '.zip'];
/** The largest upload (an image ZIP); the validator has its own, tighter limits per use. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
const UPLOAD_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_TOKENS = 5000;

export interface StoredFile {
  token: string;
  name: string;
  size: number;
}

interface Entry {
  path: string;
  name: string;
  mode: 'read' | 'download';
}

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f<>:"|?*]/g;

/** A file name a person chose, made safe to store: no folders, no control characters, bounded. */
export function safeFileName(raw: string): string {
  const name = basename(raw.replace(/\\/g, '/')).replace(UNSAFE_NAME_CHARS, '_').trim();
  if (name === '' || name === '.' || name === '..')
    throw new StewardError('invalid_input', 'The file has no name.');
  return name.length > 200 ? `${name.slice(0, 180)}${extname(name).slice(0, 20)}` : name;
}

export function createLocalFileStore(root: string, now: () => Date = () => new Date()) {
  const uploads = join(root, 'uploads');
  const tokens = new Map<string, Entry>();
  mkdirSync(uploads, { recursive: true });
  for (const dir of readdirSync(uploads)) {
    const path = join(uploads, dir);
    try {
      if (now().getTime() - statSync(path).mtimeMs > UPLOAD_TTL_MS)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // A folder another process is removing: nothing to do.
    }
  }

  const newToken = () => `ft_${randomBytes(24).toString('base64url')}`;
  const remember = (entry: Entry): string => {
    if (tokens.size >= MAX_TOKENS) tokens.delete(tokens.keys().next().value as string);
    const token = newToken();
    tokens.set(token, entry);
    return token;
  };

  return {
    /** Stores an uploaded file; refuses other kinds of file and anything over `maxBytes`. */
    async add(rawName: string, body: Readable, maxBytes = MAX_UPLOAD_BYTES): Promise<StoredFile> {
      const name = safeFileName(rawName);
      if (!UPLOAD_EXTENSIONS.includes(extname(name).toLowerCase()))
        throw new StewardError(
          'invalid_input',
          `${name}: PIM Steward reads CSV, TSV, TXT, XLSX and ZIP files; save it in one of those formats.`,
        );
      const dir = join(uploads, randomBytes(9).toString('base64url'));
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes)
          body.destroy(
            new StewardError(
              'invalid_input',
              `${name} is larger than ${Math.round(maxBytes / 1024 ** 2)} MB.`,
            ),
          );
      });
      try {
        await pipeline(body, createWriteStream(path));
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        throw err instanceof StewardError
          ? err
          : new StewardError('unavailable', `The upload of ${name} broke off.`);
      }
      return { token: remember({ path, name, mode: 'read' }), name, size };
    },

    /** Makes a file core wrote downloadable; returns its token. */
    register: async (path: string, name: string): Promise<string> =>
      remember({ path, name, mode: 'download' }),

    /** An upload's path for core (read); downloads are only served, never read as input. */
    async resolve(token: string, mode: 'read' | 'write'): Promise<string> {
      const entry = tokens.get(token);
      if (!entry || entry.mode !== 'read' || mode !== 'read')
        throw new StewardError(
          'not_found',
          mode === 'write'
            ? 'This window downloads what it writes; there is no file to write to.'
            : 'That file is no longer available: drop it again.',
        );
      return entry.path;
    },

    /** A file the page may download (exports and its own uploads). */
    download(token: string): { path: string; name: string } | null {
      const entry = tokens.get(token);
      return entry ? { path: entry.path, name: entry.name } : null;
    },
  };
}

export type LocalFileStore = ReturnType<typeof createLocalFileStore>;

/**
 * The desktop's secrets port: connection credentials encrypted with Electron's safeStorage (macOS
 * Keychain, Windows DPAPI, a Linux keyring) and kept as encrypted blobs in one JSON file in the data
 * folder. safeStorage exists only in the main process, so core (in the utility process) reaches this
 * store over the host channel (host-services.ts).
 *
 * - Nothing is ever written in plain text: with encryption unavailable, writes fail with a message.
 * - Writes are atomic (temporary file, fsync, rename) and serialized; the file is private (0600).
 * - On Linux, `basic_text` means no keyring was found and Chromium encrypts with a fixed key: the
 *   store still works (otherwise no connection could be saved) but `secretStorageNotice` warns.
 * Values never appear in errors or logs.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../core/secrets/secret-store';
import { StewardError } from '../shared/errors';
import type { Notice } from './shell-schemas';

export const SAFE_STORAGE_FILE = 'secrets.safestorage.json';
export const SAFE_STORAGE_FORMAT = 'steward-safestorage-v1';
export const WEAK_BACKEND_NOTICE_ID = 'secrets-basic-text';
export const NO_ENCRYPTION_NOTICE_ID = 'secrets-unavailable';

/** The part of Electron's `safeStorage` the store uses; the async methods are used when present. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

const SecretsFile = z.strictObject({
  format: z.literal(SAFE_STORAGE_FORMAT),
  /** The backend that encrypted the entries (Linux keyring name, or the platform's). */
  backend: z.string(),
  entries: z.record(z.string(), z.string()),
});
type SecretsFile = z.infer<typeof SecretsFile>;

export function safeStoragePath(dataDir: string): string {
  return join(dataDir, SAFE_STORAGE_FILE);
}

/** The backend's name for the file and the notices: Linux reports it; elsewhere it is the platform's. */
export function storageBackend(platform: NodeJS.Platform, safeStorage: SafeStorageLike): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
}

/** What the user must be told about credential storage, or null when it is sound. Call after `ready`. */
export function secretStorageNotice(platform: NodeJS.Platform, safeStorage: SafeStorageLike): Notice | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      id: NO_ENCRYPTION_NOTICE_ID,
      level: 'error',
      title: 'Credentials cannot be saved',
      message:
        'The operating system’s key store is not available, so PIM Steward cannot encrypt connection ' +
        'credentials and will not save them. Unlock or set up the key store (on Linux: GNOME Keyring or ' +
        'KWallet) and restart PIM Steward.',
    };
  }
  if (platform === 'linux' && storageBackend(platform, safeStorage) === 'basic_text') {
    return {
      id: WEAK_BACKEND_NOTICE_ID,
      level: 'warning',
      title: 'Credentials are only weakly protected',
      message:
        'No system keyring (GNOME Keyring, KWallet) was found, so connection credentials are encrypted ' +
        'with a fixed key (“basic_text”) that protects them only from casual reading. Anyone who can ' +
        'read your data folder can recover them. Install and unlock a keyring, or start PIM Steward ' +
        'with --password-store=gnome-libsecret or --password-store=kwallet6, then enter the ' +
        'credentials again.',
    };
  }
  return null;
}

export interface SafeStorageSecretStoreOptions {
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** After a secret was stored (main uses it to warn once when the backend is weak). */
  afterSet?: () => void;
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.trim() === '' || key.length > 500) {
    throw new StewardError('invalid_input', 'A secret needs a non-empty key.');
  }
}

async function writeAtomic(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (process.platform !== 'win32') await chmod(path, 0o600);
}

export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { file, safeStorage, platform } = options;
  let cache: SecretsFile | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const available = async (): Promise<boolean> =>
    safeStorage.isAsyncEncryptionAvailable
      ? await safeStorage.isAsyncEncryptionAvailable()
      : safeStorage.isEncryptionAvailable();

  const requireEncryption = async (): Promise<void> => {
    if (!(await available())) {
      throw new StewardError(
        'unavailable',
        'The operating system’s key store is not available, so credentials cannot be encrypted. ' +
          'Unlock or set up the key store and try again.',
      );
    }
  };

  const encrypt = async (value: string): Promise<string> => {
    const blob = safeStorage.encryptStringAsync
      ? await safeStorage.encryptStringAsync(value)
      : safeStorage.encryptString(value);
    return blob.toString('base64');
  };

  const decrypt = async (blob: string): Promise<{ value: string; reEncrypt: boolean }> => {
    const buffer = Buffer.from(blob, 'base64');
    if (safeStorage.decryptStringAsync) {
      const out = await safeStorage.decryptStringAsync(buffer);
      return { value: out.result, reEncrypt: out.shouldReEncrypt };
    }
    return { value: safeStorage.decryptString(buffer), reEncrypt: false };
  };

  const load = async (): Promise<SecretsFile> => {
    if (cache) return cache;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
      cache = { format: SAFE_STORAGE_FORMAT, backend: storageBackend(platform, safeStorage), entries: {} };
      return cache;
    }
    let parsed: SecretsFile;
    try {
      parsed = SecretsFile.parse(JSON.parse(text));
    } catch {
      throw new StewardError(
        'internal',
        `The credentials file ${file} is damaged. Move it away and enter the connection credentials again.`,
      );
    }
    cache = parsed;
    return cache;
  };

  const save = async (next: SecretsFile): Promise<void> => {
    await writeAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
    cache = next;
  };

  /** Writes run one after another so two saves never interleave their read-modify-write. */
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    async get(key) {
      assertKey(key);
      const current = await load();
      if (!Object.hasOwn(current.entries, key)) return undefined;
      await requireEncryption();
      let out: { value: string; reEncrypt: boolean };
      try {
        out = await decrypt(current.entries[key] as string);
      } catch {
        throw new StewardError(
          'unauthorized',
          `A stored credential (${key}) cannot be decrypted: the operating system’s key store changed ` +
            `since it was saved (it was encrypted with “${current.backend}”). Enter it again.`,
        );
      }
      if (out.reEncrypt) {
        // The OS rotated its key: store the value again under the new one (best effort).
        await serialized(async () => {
          const latest = await load();
          await save({ ...latest, entries: { ...latest.entries, [key]: await encrypt(out.value) } });
        }).catch(() => undefined);
      }
      return out.value;
    },
    async set(key, value) {
      assertKey(key);
      if (typeof value !== 'string') throw new StewardError('invalid_input', 'A secret must be a string.');
      await requireEncryption();
      await serialized(async () => {
        const current = await load();
        const blob = await encrypt(value);
        await save({
          format: SAFE_STORAGE_FORMAT,
          backend: storageBackend(platform, safeStorage),
          entries: { ...current.entries, [key]: blob },
        });
      });
      options.afterSet?.();
    },
    async delete(key) {
      assertKey(key);
      await serialized(async () => {
        const current = await load();
        if (!Object.hasOwn(current.entries, key)) return;
        const entries = { ...current.entries };
        delete entries[key];
        await save({ ...current, entries });
      });
    },
  };
}

/**
 * Encrypted-file secret store for the web shell and the CLI (the desktop uses Electron safeStorage).
 *
 * Key: scrypt over a passphrase (option, or STEWARD_SECRETS_PASSPHRASE) when one is given for a new
 * file, else over a random 32-byte key file created beside it with mode 0600. A key file that others
 * can read is refused, as ssh does, since the secrets are only as private as that key.
 * Writes are atomic (temporary file, fsync, rename) and serialized within the process; every call
 * re-reads the file, so a CLI run and the web shell see each other's changes. Values never appear in
 * errors or logs.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StewardError } from '../../shared/errors';
import { deriveKey, newKdfParams, parseSealedFile, SECRETS_FORMAT, seal, unseal } from './secret-box';
import type { KdfParams, KeySource, SealedHeader } from './secret-box';
import { assertSecretKey } from './secret-store';
import type { SecretStore } from './secret-store';

export const PASSPHRASE_ENV = 'STEWARD_SECRETS_PASSPHRASE';

export interface FileSecretStoreOptions {
  /** The encrypted file, e.g. `<dataDir>/secrets.json.enc`. */
  file: string;
  /** The random key file (default: `file` + `.key`); unused with a passphrase. */
  keyFile?: string;
  passphrase?: string;
  /** Where to look for STEWARD_SECRETS_PASSPHRASE (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** scrypt cost N for new files (default 2^15). */
  scryptCost?: number;
}

const isPosix = process.platform !== 'win32';

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return undefined;
    throw err;
  }
}

async function assertPrivate(path: string): Promise<void> {
  if (!isPosix) return;
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) {
    throw new StewardError(
      'forbidden',
      `The secrets key file ${path} can be read by other users (mode ${(mode & 0o777).toString(8)}). ` +
        `Run: chmod 600 "${path}"`,
    );
  }
}

/** Writes `data` to `path` so a crash leaves either the old or the new file, never half of one. */
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
  if (isPosix) {
    await chmod(path, 0o600);
    const dir = await open(dirname(path), 'r');
    await dir.sync().finally(() => dir.close());
  }
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  const text = await readIfExists(path);
  if (text === undefined) return undefined;
  await assertPrivate(path);
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new StewardError('invalid_input', `The secrets key file ${path} is damaged.`);
  return key;
}

async function createKeyFile(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(32);
  try {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(`${key.toString('base64')}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return key;
  } catch (err) {
    // Another process created it first: use theirs.
    if (code(err) === 'EEXIST') return (await readKeyFile(path)) as Buffer;
    throw err;
  }
}

export function createFileSecretStore(opts: FileSecretStoreOptions): SecretStore {
  const keyFile = opts.keyFile ?? `${opts.file}.key`;
  const passphrase = opts.passphrase ?? (opts.env ?? process.env)[PASSPHRASE_ENV] ?? undefined;
  const derived = new Map<string, Buffer>();
  let writing: Promise<unknown> = Promise.resolve();

  async function keyFor(source: KeySource, kdf: KdfParams, creating: boolean): Promise<Buffer> {
    const cacheKey = `${source}:${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}`;
    const cached = derived.get(cacheKey);
    if (cached) return cached;
    let material: Buffer | string | undefined;
    if (source === 'passphrase') {
      material = passphrase;
      if (!material) {
        throw new StewardError(
          'unauthorized',
          `${opts.file} is protected by a passphrase: set ${PASSPHRASE_ENV}.`,
        );
      }
    } else {
      material = creating
        ? ((await readKeyFile(keyFile)) ?? (await createKeyFile(keyFile)))
        : await readKeyFile(keyFile);
      if (!material) {
        throw new StewardError(
          'unauthorized',
          `The key file ${keyFile} for ${opts.file} is missing, so the stored secrets cannot be decrypted. ` +
            'Restore it, or delete the secrets file and enter the connection credentials again.',
        );
      }
    }
    const key = await deriveKey(material, kdf);
    derived.set(cacheKey, key);
    return key;
  }

  async function load(): Promise<{ header: SealedHeader | undefined; values: Record<string, string> }> {
    const text = await readIfExists(opts.file);
    if (text === undefined) return { header: undefined, values: {} };
    const sealed = parseSealedFile(text, opts.file);
    const plain = JSON.parse(
      unseal(sealed, await keyFor(sealed.keySource, sealed.kdf, false), opts.file).toString('utf8'),
    );
    const { format, version, keySource, kdf } = sealed;
    return { header: { format, version, keySource, kdf }, values: plain as Record<string, string> };
  }

  async function save(header: SealedHeader | undefined, values: Record<string, string>): Promise<void> {
    const head: SealedHeader = header ?? {
      format: SECRETS_FORMAT,
      version: 1,
      keySource: passphrase ? 'passphrase' : 'keyfile',
      kdf: newKdfParams(opts.scryptCost),
    };
    const key = await keyFor(head.keySource, head.kdf, header === undefined);
    const sealed = seal(Buffer.from(JSON.stringify(values), 'utf8'), key, head);
    await writeAtomic(opts.file, `${JSON.stringify(sealed)}\n`);
  }

  function update(change: (values: Record<string, string>) => boolean): Promise<void> {
    const run = writing.then(async () => {
      const { header, values } = await load();
      if (change(values)) await save(header, values);
    });
    writing = run.catch(() => undefined);
    return run;
  }

  return {
    async get(key) {
      const { values } = await load();
      return Object.hasOwn(values, key) ? values[key] : undefined;
    },
    set(key, value) {
      assertSecretKey(key);
      return update((values) => {
        Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
        return true;
      });
    },
    delete(key) {
      return update((values) => Object.hasOwn(values, key) && delete values[key]);
    },
  };
}

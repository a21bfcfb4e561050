import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnvSecretStore, envNameForSecret } from '../../../src/core/secrets/env-store';
import { createFileSecretStore } from '../../../src/core/secrets/file-store';
import {
  connectionSecretKey,
  createChainedSecretStore,
  createMemorySecretStore,
} from '../../../src/core/secrets/secret-store';
import { StewardError } from '../../../src/shared/errors';

const TOKEN = 'wexbo-token-Zq8!xY';
const PASSWORD = 'etim-pässwörd-42';
const FAST = 2 ** 10; // scrypt cost for tests; the default is 2^15

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<StewardError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof StewardError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('memory and chained stores', () => {
  it('round-trips, overwrites and deletes', async () => {
    const store = createMemorySecretStore({ a: '1' });
    expect(await store.get('a')).toBe('1');
    await store.set('a', '2');
    await store.set(connectionSecretKey('conn_1', 'token'), TOKEN);
    expect(await store.get('conn_1.token')).toBe(TOKEN);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    await expect(store.set(' ', 'x')).rejects.toThrow(/non-empty key/);
  });

  it('reads from the first store that has the key and writes to the writable one', async () => {
    const env = createEnvSecretStore({ env: { STEWARD_SECRET_CONN_1_TOKEN: 'from-env' } });
    const file = createMemorySecretStore({ 'conn_1.token': 'from-file', 'conn_2.token': 'two' });
    const chained = createChainedSecretStore([env, file], file);
    expect(await chained.get('conn_1.token')).toBe('from-env');
    expect(await chained.get('conn_2.token')).toBe('two');
    await chained.set('conn_3.token', 'three');
    expect(await file.get('conn_3.token')).toBe('three');
  });
});

describe('environment store', () => {
  const env = {
    STEWARD_SECRET_CONN_1_TOKEN: TOKEN,
    WEXBO_TOKEN: 'explicit',
    STEWARD_SECRET_EMPTY: '',
  };

  it('maps keys to STEWARD_SECRET_<KEY> and to explicit variables (--token-env)', async () => {
    expect(envNameForSecret('conn_1.token')).toBe('STEWARD_SECRET_CONN_1_TOKEN');
    expect(envNameForSecret('my-conn/oauth.consumer secret')).toBe(
      'STEWARD_SECRET_MY_CONN_OAUTH_CONSUMER_SECRET',
    );
    const store = createEnvSecretStore({ env, names: { 'conn_2.token': 'WEXBO_TOKEN' } });
    expect(await store.get('conn_1.token')).toBe(TOKEN);
    expect(await store.get('conn_2.token')).toBe('explicit');
    expect(await store.get('empty')).toBeUndefined();
    expect(await store.get('missing')).toBeUndefined();
  });

  it('is read-only, and says which variable to set', async () => {
    const store = createEnvSecretStore({ env });
    const err = await rejection(store.set('conn_9.token', 'x'));
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('STEWARD_SECRET_CONN_9_TOKEN');
    await expect(store.delete('conn_1.token')).rejects.toThrow(/read-only/);
  });
});

describe('encrypted file store', () => {
  const paths = () => ({ file: join(dir, 'secrets.json.enc'), keyFile: join(dir, 'secrets.key') });

  it('round-trips across instances (the way the CLI and the web shell share it)', async () => {
    const { file, keyFile } = paths();
    const a = createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST });
    expect(await a.get('conn_1.token')).toBeUndefined();
    await a.set('conn_1.token', TOKEN);
    await a.set('conn_2.password', PASSWORD);
    await a.set('conn_1.token', `${TOKEN}-rotated`);
    const b = createFileSecretStore({ file, keyFile, env: {} });
    expect(await b.get('conn_1.token')).toBe(`${TOKEN}-rotated`);
    expect(await b.get('conn_2.password')).toBe(PASSWORD);
    await b.delete('conn_2.password');
    await b.delete('never-there');
    expect(await a.get('conn_2.password')).toBeUndefined();
    expect(await a.get('__proto__')).toBeUndefined();
  });

  it('never writes plaintext: neither values nor key names appear in the file', async () => {
    const { file, keyFile } = paths();
    const store = createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST });
    await store.set('conn_1.token', TOKEN);
    await store.set('conn_2.password', PASSWORD);
    const raw = await readFile(file);
    for (const needle of [TOKEN, PASSWORD, 'conn_1', 'password']) {
      expect(raw.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(raw.includes(Buffer.from(Buffer.from(needle).toString('base64').slice(0, 12)))).toBe(false);
    }
    expect(JSON.parse(raw.toString('utf8'))).toMatchObject({
      format: 'pim-steward-secrets',
      version: 1,
      keySource: 'keyfile',
    });
    expect((await readdir(dir)).sort()).toEqual(['secrets.json.enc', 'secrets.key']); // no temp files left
  });

  it.runIf(process.platform !== 'win32')(
    'creates the key file and the secrets file with mode 0600',
    async () => {
      const { file, keyFile } = paths();
      await createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST }).set('k', 'v');
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    },
  );

  it.runIf(process.platform !== 'win32')('refuses a key file other users can read', async () => {
    const { file, keyFile } = paths();
    await createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST }).set('k', 'v');
    await chmod(keyFile, 0o644);
    const err = await rejection(createFileSecretStore({ file, keyFile, env: {} }).get('k'));
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain(`chmod 600 "${keyFile}"`);
  });

  it('a wrong key file fails with a clear error that reveals nothing', async () => {
    const { file, keyFile } = paths();
    await createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST }).set('conn_1.token', TOKEN);
    await writeFile(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    const err = await rejection(createFileSecretStore({ file, keyFile, env: {} }).get('conn_1.token'));
    expect(err.code).toBe('unauthorized');
    expect(err.message).toContain(`Cannot decrypt the secrets file ${file}`);
    expect(err.message).toContain('key file is not the one');
    expect(err.message).not.toContain(TOKEN);
  });

  it('a missing key file is reported, and not silently replaced by a new one', async () => {
    const { file, keyFile } = paths();
    await createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST }).set('k', 'v');
    await rm(keyFile);
    const store = createFileSecretStore({ file, keyFile, env: {} });
    await expect(store.get('k')).rejects.toThrow(/is missing, so the stored secrets cannot be decrypted/);
    await expect(store.set('k2', 'v2')).rejects.toThrow(/is missing/);
    expect(await readdir(dir)).toEqual(['secrets.json.enc']);
  });

  it('uses a passphrase from the environment, with the default scrypt cost', async () => {
    const { file, keyFile } = paths();
    const env = { STEWARD_SECRETS_PASSPHRASE: 'correct horse battery staple' };
    await createFileSecretStore({ file, keyFile, env }).set('conn_1.token', TOKEN);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      keySource: 'passphrase',
      kdf: { name: 'scrypt', N: 2 ** 15 },
    });
    expect(await readdir(dir)).toEqual(['secrets.json.enc']); // no key file with a passphrase
    expect(await createFileSecretStore({ file, env }).get('conn_1.token')).toBe(TOKEN);
  });

  it('a wrong or absent passphrase fails clearly', async () => {
    const { file } = paths();
    await createFileSecretStore({ file, passphrase: 'right', scryptCost: FAST }).set('k', TOKEN);
    const wrong = await rejection(createFileSecretStore({ file, passphrase: 'wrong' }).get('k'));
    expect(wrong).toMatchObject({ code: 'unauthorized' });
    expect(wrong.message).toContain('the passphrase is wrong');
    await expect(createFileSecretStore({ file, env: {} }).get('k')).rejects.toThrow(
      /set STEWARD_SECRETS_PASSPHRASE/,
    );
  });

  it('detects tampering with the ciphertext or the header', async () => {
    const { file } = paths();
    await createFileSecretStore({ file, passphrase: 'p', scryptCost: FAST }).set('k', TOKEN);
    const sealed = JSON.parse(await readFile(file, 'utf8')) as { data: string; kdf: { N: number } };
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = (flipped[0] as number) ^ 1;
    await writeFile(file, JSON.stringify({ ...sealed, data: flipped.toString('base64') }));
    await expect(createFileSecretStore({ file, passphrase: 'p' }).get('k')).rejects.toThrow(/was modified/);
    await writeFile(file, JSON.stringify({ ...sealed, kdf: { ...sealed.kdf, N: 2 ** 11 } }));
    await expect(createFileSecretStore({ file, passphrase: 'p' }).get('k')).rejects.toThrow(/was modified/);
    await writeFile(file, 'not json at all');
    await expect(createFileSecretStore({ file, passphrase: 'p' }).get('k')).rejects.toThrow(
      /not a PIM Steward secrets file/,
    );
  });

  it('serializes concurrent writes so none is lost', async () => {
    const { file, keyFile } = paths();
    const store = createFileSecretStore({ file, keyFile, env: {}, scryptCost: FAST });
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.set(`conn_${i}.token`, `t${i}`)));
    const reread = createFileSecretStore({ file, keyFile, env: {} });
    for (let i = 0; i < 12; i++) expect(await reread.get(`conn_${i}.token`)).toBe(`t${i}`);
  });
});

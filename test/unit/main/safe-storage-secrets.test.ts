import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSafeStorageSecretStore,
  NO_ENCRYPTION_NOTICE_ID,
  SAFE_STORAGE_FORMAT,
  safeStoragePath,
  secretStorageNotice,
  storageBackend,
  WEAK_BACKEND_NOTICE_ID,
} from '../../../src/main/safe-storage-secrets';
import { fakeSafeStorage, tempDir } from './fakes';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(options: Parameters<typeof fakeSafeStorage>[0] = {}, platform: NodeJS.Platform = 'darwin') {
  const dir = tempDir('steward-secrets-');
  cleanups.push(() => dir.remove());
  const safe = fakeSafeStorage(options);
  const stored: string[] = [];
  const file = safeStoragePath(dir.path);
  const store = createSafeStorageSecretStore({
    file,
    safeStorage: safe.api,
    platform,
    afterSet: () => stored.push('set'),
  });
  return { store, safe, file, dir, stored };
}

describe('secretStorageNotice', () => {
  it('warns on Linux when Chromium fell back to basic_text', () => {
    const notice = secretStorageNotice('linux', fakeSafeStorage({ backend: 'basic_text' }).api);
    expect(notice).toMatchObject({ id: WEAK_BACKEND_NOTICE_ID, level: 'warning' });
    expect(notice?.message).toMatch(/basic_text/);
    expect(notice?.message).toMatch(/--password-store=/);
  });

  it('is silent with a real keyring, and on macOS and Windows', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) {
      expect(secretStorageNotice('linux', fakeSafeStorage({ backend }).api)).toBeNull();
    }
    expect(secretStorageNotice('darwin', fakeSafeStorage().api)).toBeNull();
    expect(secretStorageNotice('win32', fakeSafeStorage().api)).toBeNull();
  });

  it('is an error when encryption is not available at all', () => {
    const notice = secretStorageNotice(
      'linux',
      fakeSafeStorage({ available: false, backend: 'basic_text' }).api,
    );
    expect(notice).toMatchObject({ id: NO_ENCRYPTION_NOTICE_ID, level: 'error' });
  });

  it('names the backend per platform', () => {
    expect(storageBackend('darwin', fakeSafeStorage().api)).toBe('keychain');
    expect(storageBackend('win32', fakeSafeStorage().api)).toBe('dpapi');
    expect(storageBackend('linux', fakeSafeStorage({ backend: 'kwallet6' }).api)).toBe('kwallet6');
    expect(storageBackend('linux', fakeSafeStorage().api)).toBe('unknown');
  });
});

describe('createSafeStorageSecretStore', () => {
  it('stores encrypted blobs only, and reads them back', async () => {
    const { store, file, stored } = setup();
    await store.set('conn_1.token', 'hunter2-secret-token');
    await store.set('conn_1.password', 'pässwörd ✓');
    expect(await store.get('conn_1.token')).toBe('hunter2-secret-token');
    expect(await store.get('conn_1.password')).toBe('pässwörd ✓');
    expect(await store.get('conn_2.token')).toBeUndefined();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('pässwörd');
    const parsed = JSON.parse(text) as { format: string; backend: string; entries: Record<string, string> };
    expect(parsed.format).toBe(SAFE_STORAGE_FORMAT);
    expect(parsed.backend).toBe('keychain');
    expect(Object.keys(parsed.entries).sort()).toEqual(['conn_1.password', 'conn_1.token']);
    expect(stored).toEqual(['set', 'set']);
  });

  it.runIf(process.platform !== 'win32')('keeps the file private (0600)', async () => {
    const { store, file } = setup();
    await store.set('k', 'v');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('survives a restart: a new store on the same file reads what the old one wrote', async () => {
    const { store, file, safe } = setup();
    await store.set('a', '1');
    const again = createSafeStorageSecretStore({ file, safeStorage: safe.api, platform: 'darwin' });
    expect(await again.get('a')).toBe('1');
    await again.delete('a');
    await again.delete('never-there');
    const third = createSafeStorageSecretStore({ file, safeStorage: safe.api, platform: 'darwin' });
    expect(await third.get('a')).toBeUndefined();
  });

  it('serializes concurrent writes: none is lost', async () => {
    const { store, file, safe } = setup();
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.set(`key${i}`, `value${i}`)));
    const fresh = createSafeStorageSecretStore({ file, safeStorage: safe.api, platform: 'darwin' });
    for (let i = 0; i < 25; i += 1) expect(await fresh.get(`key${i}`)).toBe(`value${i}`);
  });

  it('never writes plain text when encryption is unavailable', async () => {
    const { store, safe, file } = setup();
    await store.set('a', 'kept');
    safe.state.available = false;
    await expect(store.set('b', 'plain')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.get('a')).rejects.toMatchObject({ code: 'unavailable' });
    expect(readFileSync(file, 'utf8')).not.toContain('plain');
  });

  it('says to re-enter a credential the OS key store can no longer decrypt, without the value', async () => {
    const { store, file } = setup();
    await store.set('conn_1.token', 'secret-value');
    const otherKey = fakeSafeStorage({ key: 0x33 });
    const elsewhere = createSafeStorageSecretStore({ file, safeStorage: otherKey.api, platform: 'darwin' });
    const error = await elsewhere.get('conn_1.token').catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect(String((error as Error).message)).toMatch(/Enter it again/);
    expect(String((error as Error).message)).not.toContain('secret-value');
  });

  it('reports a damaged file instead of overwriting it', async () => {
    const { store, file } = setup();
    writeFileSync(file, '{"not":"ours"}');
    await expect(store.get('a')).rejects.toMatchObject({ code: 'internal' });
    await expect(store.set('a', 'b')).rejects.toMatchObject({ code: 'internal' });
    expect(readFileSync(file, 'utf8')).toBe('{"not":"ours"}');
  });

  it('refuses empty keys', async () => {
    const { store } = setup();
    await expect(store.set('  ', 'x')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.get('')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('uses the async safeStorage API when Electron has it, and re-encrypts when asked to', async () => {
    const { store, safe } = setup({ async: true, reEncrypt: true });
    await store.set('a', 'value');
    expect(await store.get('a')).toBe('value');
    expect(safe.state.calls).toContain('encryptStringAsync');
    expect(safe.state.calls).toContain('decryptStringAsync');
    expect(safe.state.calls).not.toContain('encryptString');
    // shouldReEncrypt: the value was stored again under the rotated key.
    expect(safe.state.calls.filter((c) => c === 'encryptStringAsync')).toHaveLength(2);
  });

  it('records the Linux backend in the file (basic_text included)', async () => {
    const { store, file } = setup({ backend: 'basic_text' }, 'linux');
    await store.set('a', 'b');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ backend: 'basic_text' });
  });
});

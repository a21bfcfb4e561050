import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/index';
import { createCoreClient } from '../../../src/main/core-client';
import { createFileTokenTable } from '../../../src/main/file-tokens';
import {
  answerServiceRequest,
  createServiceCaller,
  remoteFileTokens,
  remoteSecretStore,
} from '../../../src/main/host-services';
import type { HostServiceHandlers, ServiceRequestFrame } from '../../../src/main/host-services';
import { createSafeStorageSecretStore, safeStoragePath } from '../../../src/main/safe-storage-secrets';
import { createMemorySecretStore } from '../../../src/core/secrets/secret-store';
import { fakeSafeStorage, inMemoryHost, manualTimers, tempDir } from './fakes';
import type { InMemoryHost } from './fakes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function handlers(overrides: Partial<HostServiceHandlers> = {}): HostServiceHandlers {
  return {
    secrets: createMemorySecretStore({ 'conn_1.token': 't0ken' }),
    files: {
      resolve: async (token, mode) => {
        if (token === 'ft_known' && mode === 'read') return '/data/products.csv';
        throw Object.assign(new Error('gone'), {});
      },
    },
    ...overrides,
  };
}

/** Caller and responder joined directly, with structured cloning like a process boundary. */
function pair(h: HostServiceHandlers) {
  const caller = createServiceCaller({
    post: (frame) => {
      void answerServiceRequest(structuredClone(frame), h).then((reply) => {
        if (reply) caller.receive(structuredClone(reply));
      });
    },
  });
  return caller;
}

describe('answerServiceRequest', () => {
  it('ignores messages that are not service requests', async () => {
    expect(
      await answerServiceRequest({ type: 'reply', id: 1, result: { ok: true, value: 1 } }, handlers()),
    ).toBeNull();
    expect(await answerServiceRequest(null, handlers())).toBeNull();
  });

  it('refuses malformed arguments and unknown operations', async () => {
    const bad: ServiceRequestFrame = { type: 'service', id: 3, op: 'secrets.set', args: ['only-a-key'] };
    expect(await answerServiceRequest(bad, handlers())).toEqual({
      type: 'service-reply',
      id: 3,
      result: { ok: false, error: { code: 'invalid_input', message: 'Malformed secrets.set request.' } },
    });
    expect(
      await answerServiceRequest({ type: 'service', id: 4, op: 'shell.exec', args: ['rm'] }, handlers()),
    ).toBeNull();
  });

  it('turns a thrown error into a failed Result', async () => {
    const reply = await answerServiceRequest(
      { type: 'service', id: 5, op: 'files.resolve', args: ['ft_unknown', 'read'] },
      handlers(),
    );
    expect(reply?.result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('remote stores over a service caller', () => {
  it('reads, writes and deletes secrets in main', async () => {
    const h = handlers();
    const secrets = remoteSecretStore(pair(h));
    expect(await secrets.get('conn_1.token')).toBe('t0ken');
    expect(await secrets.get('missing')).toBeUndefined();
    await secrets.set('conn_2.token', 'new');
    expect(await h.secrets.get('conn_2.token')).toBe('new');
    await secrets.delete('conn_2.token');
    expect(await h.secrets.get('conn_2.token')).toBeUndefined();
  });

  it('resolves file tokens through main and passes its refusals on', async () => {
    const files = remoteFileTokens(pair(handlers()));
    expect(await files.resolve('ft_known', 'read')).toBe('/data/products.csv');
    await expect(files.resolve('ft_known', 'write')).rejects.toThrow(/gone/);
  });

  it('never waits forever for main', async () => {
    const timers = manualTimers();
    const caller = createServiceCaller({ post: () => undefined, timers, timeoutMs: 1000 });
    const pending = caller.call('secrets.get', ['k']);
    timers.advance(1000);
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    expect(caller.receive({ type: 'service-reply', id: 1, result: { ok: true, value: 'late' } })).toBe(true);
  });

  it('fails the call when the message cannot be posted', async () => {
    const caller = createServiceCaller({
      post: () => {
        throw new Error('port closed');
      },
    });
    await expect(caller.call('secrets.get', ['k'])).rejects.toThrow(/port closed/);
  });
});

describe('core in the host uses main’s safeStorage store', () => {
  it('keeps connection credentials in main’s encrypted file, never in the host', async () => {
    const dir = tempDir();
    const safe = fakeSafeStorage();
    const secrets = createSafeStorageSecretStore({
      file: safeStoragePath(dir.path),
      safeStorage: safe.api,
      platform: 'darwin',
    });
    const hosts: InMemoryHost[] = [];
    const client = createCoreClient({
      spawn: () => {
        const host = inMemoryHost(dir.path, {
          start: (services) => createCore({ dataDir: dir.path, secrets: remoteSecretStore(services) }),
        });
        hosts.push(host);
        return host.process;
      },
      onEvent: () => undefined,
      services: { secrets, files: createFileTokenTable({ platform: process.platform }) },
    });
    cleanups.push(
      () => dir.remove(),
      async () => {
        await client.close();
        for (const host of hosts) await host.crash(0);
      },
    );

    const created = await client.invoke('connections:create', {
      name: 'Staging PIM',
      kind: 'wexbo',
      baseUrl: 'https://pim.example.com',
      secrets: { token: 'super-secret-token-value' },
    });
    expect(created).toMatchObject({ ok: true });
    const id = (created as { value: { id: string } }).value.id;

    const text = readFileSync(safeStoragePath(dir.path), 'utf8');
    expect(text).not.toContain('super-secret-token-value');
    const keys = Object.keys((JSON.parse(text) as { entries: Record<string, string> }).entries);
    expect(keys.some((key) => key.startsWith(`${id}.`))).toBe(true);
    const key = keys.find((k) => k.startsWith(`${id}.`)) as string;
    expect(await secrets.get(key)).toBe('super-secret-token-value');

    const removed = await client.invoke('connections:remove', { connectionId: id });
    expect(removed).toMatchObject({ ok: true });
    expect(await secrets.get(key)).toBeUndefined();
  });
});

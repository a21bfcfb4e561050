import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { createCaller } from '../../../src/shared/rpc';

describe('demo workspace', () => {
  let dir: string;
  let core: Core | undefined;
  const start = async () => {
    core = await createCore({ dataDir: dir, demo: { products: 120 }, secrets: createMemorySecretStore() });
    return { core, call: createCaller(core.dispatch) };
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-demo-ws-'));
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates one working demo connection per system on a first start', async () => {
    const { core: c, call } = await start();
    const list = await call('connections:list', {});
    expect(list.map((x) => x.kind).sort()).toEqual(['broadleaf', 'etim', 'printxpand', 'wexbo', 'wizart']);
    expect(list.every((x) => x.demo && x.baseUrl.startsWith(c.demo!.pim.origin))).toBe(true);
    for (const conn of list) {
      const probe = await call('connections:test', { connectionId: conn.id });
      expect({ name: conn.name, ...probe }).toMatchObject({ name: conn.name, ok: true });
    }
  });

  it('syncs the demo WEXBO shop into the mirror', async () => {
    const { core: c, call } = await start();
    const result = await c.sync.run('demo-wexbo');
    expect(result.status).toBe('succeeded');
    const summary = await call('catalog:getSummary', {});
    expect(summary.connections.find((x) => x.connectionId === 'demo-wexbo')?.records).toBeGreaterThanOrEqual(
      120,
    );
    const status = await call('app:getStatus', {});
    expect(status.connections.find((x) => x.id === 'demo-wexbo')?.status).toBe('online');
  });

  it('points the demo connections at the restarted demo PIM and keeps its catalog', async () => {
    const first = await start();
    const origin1 = first.core.demo!.pim.origin;
    await first.core.close();
    const { core: c, call } = await start();
    expect(c.demo!.pim.generated).toBe(false);
    const list = await call('connections:list', {});
    expect(list).toHaveLength(5);
    expect(list.every((x) => x.baseUrl.startsWith(c.demo!.pim.origin))).toBe(true);
    expect(c.demo!.pim.origin === origin1 || list.every((x) => !x.baseUrl.startsWith(origin1))).toBe(true);
  });

  it('stays dismissed once every demo connection was removed', async () => {
    const first = await start();
    for (const conn of await first.call('connections:list', {})) {
      await first.call('connections:remove', { connectionId: conn.id });
    }
    await first.core.close();
    const { core: c, call } = await start();
    expect(c.demo).toBeNull();
    expect(await call('connections:list', {})).toEqual([]);
  });

  it('does not add demo connections beside the user’s own', async () => {
    const plain = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    await createCaller(plain.dispatch)('connections:create', {
      name: 'Shop',
      kind: 'wexbo',
      baseUrl: 'https://shop.example.com/api',
      secrets: { token: 't' },
    });
    await plain.close();
    const { core: c, call } = await start();
    expect(c.demo).toBeNull();
    expect((await call('connections:list', {})).map((x) => x.name)).toEqual(['Shop']);
  });
});

/** The issue-4 CLI against the demo PIM: connect, sync, status, show, conflicts, resolve. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { createCore } from '../../../src/core';
import { startDemoPim } from '../../../src/core/demo-pim';
import type { DemoPim } from '../../../src/core/demo-pim';
import { createCaller } from '../../../src/shared/rpc';

function io(env: Record<string, string>): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), env, isTTY: false, stdout, stderr };
}

describe('steward connect / sync / status / show / conflicts / resolve', () => {
  let dir: string;
  let pim: DemoPim;
  const env = { SHOP_TOKEN: 'demo-wexbo-token' } as Record<string, string>;
  const run = async (...argv: string[]) => {
    const out = io(env);
    const code = await runCli(['--data-dir', join(dir, 'data'), ...argv], out);
    return { code, out: out.stdout.join('\n'), err: out.stderr.join('\n') };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-cli-sync-'));
    pim = await startDemoPim({ products: 150, dataFile: join(dir, 'pim.sqlite') });
  });
  afterAll(async () => {
    await pim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with the secret named, never given', async () => {
    const r = await run(
      'connect',
      'Shop',
      '--kind',
      'wexbo',
      '--url',
      pim.urls.wexbo,
      '--token-env',
      'SHOP_TOKEN',
    );
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('Added Shop');
    const list = await run('connections', '--json');
    const [conn] = JSON.parse(list.out) as { name: string; settings: Record<string, string> }[];
    expect(conn).toMatchObject({ name: 'Shop', settings: { tokenEnv: 'SHOP_TOKEN' } });
    expect(list.out).not.toContain('demo-wexbo-token');
    expect((await run('connect', 'X', '--kind', 'wexbo', '--url', pim.urls.wexbo)).code).toBe(2);
    expect((await run('connect', 'Y', '--kind', 'nope', '--url', pim.urls.wexbo)).code).toBe(2);
  });

  it('mirrors the whole catalog and reports it', async () => {
    const r = await run('sync', 'Shop', '--json');
    expect(r.code).toBe(0);
    const [result] = JSON.parse(r.out) as { status: string; entities: { products: { records: number } } }[];
    expect(result).toMatchObject({ status: 'succeeded', entities: { products: { records: 150 } } });
    const status = JSON.parse((await run('status', 'Shop', '--json')).out) as {
      entities: { records: number }[];
      cursors: { runState: string }[];
    }[];
    expect(status[0]?.entities[0]?.records).toBe(150);
    expect(status[0]?.cursors[0]?.runState).toBe('idle');
    const shown = JSON.parse((await run('show', 'Shop', 'products', '1000001', '--json')).out) as {
      base: { code: string };
      state: string;
    };
    expect(shown).toMatchObject({ state: 'clean', base: { code: 'tenrak01' } });
  });

  it('surfaces a conflict and resolves it', async () => {
    const core = await createCore({ dataDir: join(dir, 'data'), env });
    const call = createCaller(core.dispatch);
    const record = await call('records:get', {
      connectionId: (await call('connections:list', {}))[0]!.id,
      entity: 'products',
      remoteId: '1000002',
    });
    await call('edits:apply', {
      edits: [
        { recordId: record.recordId, path: 'price', value: 1.5 },
        { recordId: record.recordId, path: 'stock', value: 9 },
      ],
    });
    await core.close();
    pim.admin.editProduct(1000002, { price: 2.5, active: false });

    expect((await run('sync', 'Shop')).out).toMatch(/synced \d+ records, 1 with conflicts/);
    const conflicts = JSON.parse((await run('conflicts', 'Shop', '--json')).out) as {
      path: string;
      mine: unknown;
      theirs: unknown;
    }[];
    expect(conflicts).toEqual([expect.objectContaining({ path: 'price', mine: 1.5, theirs: 2.5 })]);
    const merged = JSON.parse((await run('show', 'Shop', 'products', '1000002', '--json')).out) as {
      local: Record<string, unknown>;
      state: string;
    };
    expect(merged).toMatchObject({ state: 'conflict', local: { price: 1.5, stock: 9, active: false } });

    expect((await run('resolve', 'Shop', 'products', '1000002', 'price')).code).toBe(2);
    const resolved = await run('resolve', 'Shop', 'products', '1000002', 'price', '--value', '2.25');
    expect(resolved).toMatchObject({ code: 0 });
    expect(resolved.out).toContain('record is now dirty');
    expect(JSON.parse((await run('conflicts', '--json')).out)).toEqual([]);
    const after = JSON.parse((await run('show', 'Shop', 'products', '1000002', '--json')).out) as {
      local: Record<string, unknown>;
    };
    expect(after.local).toMatchObject({ price: 2.25, stock: 9 });
  });

  it('fails with the reason when the token variable is missing', async () => {
    delete env.SHOP_TOKEN;
    const r = await run('sync', 'Shop');
    expect(r.code).toBe(1);
    expect(r.out).toContain('SHOP_TOKEN, which is not set');
    env.SHOP_TOKEN = 'demo-wexbo-token';
  });
});

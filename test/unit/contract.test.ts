import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import type { Core } from '../../src/core';
import { channelNames, channels, eventNames, events } from '../../src/shared/contract';
import type { Channel, ChannelInput } from '../../src/shared/contract';
import { createMemorySecretStore } from '../../src/core/secrets';
import { checkEvent, checkRequest } from '../../src/shared/rpc';

describe('the contract', () => {
  let core: Core;
  let dir: string;
  let recordId = 0;
  let jobId = 0;
  let runId = 0;
  /** One valid input per channel, typed so a new channel without a sample fails to compile. */
  const samples = (): { [C in Channel]: ChannelInput<C> } => ({
    'app:getInfo': {},
    'app:getStatus': {},
    'connections:list': {},
    'connections:create': {
      name: 'Other',
      kind: 'etim',
      baseUrl: 'https://etim.example.com/api/x',
      settings: { user: 'u' },
    },
    'connections:update': { connectionId: 'c1', name: 'Shop' },
    'connections:remove': { connectionId: 'Other' },
    'connections:test': { connectionId: 'c1' },
    'connections:getDetail': { connectionId: 'c1' },
    'sync:start': { connectionId: 'c1' },
    'sync:cancel': {},
    'records:get': { recordId },
    'conflicts:resolve': { recordId, path: 'price', choice: 'theirs' },
    'edits:apply': { edits: [{ recordId, path: 'name', value: 'Racket' }] },
    'edits:setField': { recordIds: [recordId], path: 'stock', value: 3 },
    'edits:findReplace': { recordIds: [recordId], path: 'name', pattern: 'Rack', replacement: 'Back' },
    'edits:fillDown': { recordIds: [recordId], path: 'name' },
    'edits:pasteTsv': { recordIds: [recordId], paths: ['stock'], tsv: '5' },
    'edits:undo': {},
    'edits:redo': {},
    'edits:revert': { recordId, path: 'stock' },
    'records:create': { connectionId: 'c1', entity: 'products', doc: { code: 'new-1', name: 'New' } },
    'records:delete': { recordId },
    'records:restore': { recordId },
    'records:history': { recordId },
    'catalog:getSummary': {},
    'changes:list': {},
    'conflicts:list': {},
    'imports:listJobs': {},
    'validation:listRuns': {},
    'activity:list': {},
    'settings:get': {},
    'settings:update': { theme: 'system' },
    'imports:start': { connectionId: 'c1', files: [{ fileToken: 'tok-1' }] },
    'imports:runSynchronization': { connectionId: 'c1', triggerId: 'tr-quick' },
    'imports:getJob': { jobId },
    'imports:cancel': { jobId },
    'push:start': { connectionId: 'c1' },
    'push:pause': { connectionId: 'c1' },
    'push:resume': { connectionId: 'c1' },
    'push:cancel': {},
    'push:retryNow': { connectionId: 'c1' },
    'push:dryRun': { connectionId: 'c1' },
    'validation:listTemplates': { connectionId: 'c1' },
    'validation:start': { file: { fileToken: 'tok-1' }, connectionId: 'c1' },
    'validation:cancel': { runId },
    'validation:getRun': { runId },
    'validation:getIssues': { runId, severity: 'error' },
    'validation:getRows': { runId, rows: [1, 2] },
    'validation:fix': { runId, cells: [{ row: 2, column: 'price', value: '13.50' }] },
    'validation:diff': { runId, connectionId: 'c1' },
    'validation:apply': { runId, connectionId: 'c1', create: false },
    'validation:export': { runId, what: 'errors', format: 'csv' },
    'catalog:getColumns': { connectionId: 'c1', entity: 'products' },
    'catalog:queryIds': { connectionId: 'c1', entity: 'products', offset: 0, limit: 1000 },
    'catalog:prepareFilter': { connectionId: 'c1', entity: 'products', path: 'brand' },
    'catalog:fieldIndexes': {},
    'catalog:dropFieldIndex': { jsonPath: '$."brand"' },
    'catalog:queryRows': {
      connectionId: 'c1',
      entity: 'products',
      offset: 0,
      limit: 50,
      sort: { path: 'price', dir: 'desc' },
      filters: [{ path: 'name', op: 'contains', value: 'Rack' }],
      search: 'Rack',
    },
  });
  /** Channels whose sample cannot succeed here (no live importer, no file tokens in this shell). */
  const expectedToFail = new Set<Channel>([
    'imports:start',
    'imports:runSynchronization',
    'validation:start',
  ]);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-contract-'));
    core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    const at = new Date().toISOString();
    const { sqlite } = core.store;
    sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('c1', 'Shop', 'wexbo', 'http://127.0.0.1:9', ?)`,
      )
      .run(at);
    recordId = Number(
      sqlite
        .prepare(
          `INSERT INTO record (connection_id, entity, remote_id, base, local, state, updated_at) VALUES ('c1', 'products', '7', ?, ?, 'conflict', ?)`,
        )
        .run(JSON.stringify({ name: 'Racket', price: 10 }), JSON.stringify({ name: 'Racket', price: 12 }), at)
        .lastInsertRowid,
    );
    sqlite
      .prepare(
        `INSERT INTO conflict (record_id, path, base, mine, theirs, detected_at) VALUES (?, 'price', '9', '12', '10', ?)`,
      )
      .run(recordId, at);
    jobId = Number(
      sqlite
        .prepare(
          `INSERT INTO import_job (connection_id, system, remote_id, file_name, stage, status, percent, created_at, last_progress_at, finished_at) VALUES ('c1', 'wizart', 'r1', 'a.csv', 'success', 'succeeded', 100, ?, ?, ?)`,
        )
        .run(at, at, at).lastInsertRowid,
    );
    const csv = join(dir, 'supplier.csv');
    writeFileSync(csv, 'code,name,price\nracket-1,Racket,12\nball-2,Ball,"4,5"\n');
    runId = (await core.validation.startPath({ path: csv, connectionId: 'c1' })).runId;
    await core.validation.settled(runId);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names every channel domain:verbNoun', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+:[a-z]+[A-Za-z]*$/);
    for (const name of eventNames) expect(name).toMatch(/^[a-z]+:[a-z]+[A-Za-z]*$/);
  });

  it('has a core handler for every channel and no handler outside it', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...channelNames].sort());
  });

  it.each(channelNames)('%s answers a valid input with a valid output', async (name) => {
    const result = await core.dispatch(name, samples()[name]);
    if (expectedToFail.has(name)) {
      // Valid input reaches the handler, which refuses for a reason a person can act on.
      expect(result).toMatchObject({ ok: false, error: { message: expect.any(String) } });
      if (!result.ok) expect(result.error.code).not.toBe('invalid_input');
      return;
    }
    expect(result.ok ? result : result.error.message).toMatchObject({ ok: true });
    if (result.ok) expect(channels[name].output.safeParse(result.value).success).toBe(true);
  });

  it('rejects an unknown channel with a clear error', async () => {
    const result = await core.dispatch('catalog:dropEverything', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'Unknown channel: "catalog:dropEverything"' },
    });
  });

  it.each([
    ['app:getInfo', { extra: 1 }, 'Unrecognized key'],
    ['changes:list', { limit: 'ten' }, 'input.limit'],
    ['changes:list', { limit: 100000 }, 'input.limit'],
    ['settings:update', { theme: 'purple' }, 'input.theme'],
    ['activity:list', 'not an object', 'input'],
  ] as const)('rejects malformed input to %s before core runs', async (name, input, mention) => {
    const result = await core.dispatch(name, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(mention);
      expect(result.error.message).toContain(name);
    }
  });

  it('does not let a rejected update change anything', async () => {
    await core.dispatch('settings:update', { theme: 'purple' });
    const settings = await core.dispatch('settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('checks requests without running them (used by shells before forwarding)', () => {
    expect(checkRequest('settings:get', {}).ok).toBe(true);
    expect(checkRequest(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(checkRequest('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('validates events before they cross a boundary', () => {
    expect(Object.keys(events).length).toBeGreaterThan(0);
    expect(checkEvent('settings:changed', { theme: 'dark' })).toBeNull();
    expect(
      checkEvent('settings:changed', {
        theme: 'dark',
        language: 'en',
        updateChannel: 'beta',
        stuckJobMinutes: 5,
      }),
    ).not.toBeNull();
    expect(checkEvent('nope:event', {})).toBeNull();
  });

  it('emits settings:changed through onEvent', async () => {
    const seen: string[] = [];
    const off = core.onEvent((event) => seen.push(event));
    await core.dispatch('settings:update', { updateChannel: 'beta' });
    off();
    expect(seen).toEqual(['settings:changed']);
  });
});

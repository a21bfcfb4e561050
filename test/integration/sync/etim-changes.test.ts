/**
 * ETIM deletions, merges and failures (004_48b37cfc1a1923fe.txt): the feed never lists deletions, so
 * they come from push notifications (`{new, modified, deleted}`, parsed by the connector) and from
 * the id reconciliation of a full run; local edits merge with remote ones; a bad password stops
 * after one response; 429 and 503 are waited out.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/core/connectors/types';
import { createIngest } from '../../../src/core/mirror/ingest';
import { isHttpError } from '../../../src/core/net';
import { etimServes, mirrored, startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

/** A receiver for ETIM's notifications, as the app would run one. */
async function startReceiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/etim-notify`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('ETIM: deletions, merge and failures', () => {
  let h: SyncHarness;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 300, seed: 13 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('applies a push notification: changed ids are read, deleted ids leave the mirror', async () => {
    await h.pull('etim', 'products');
    const receiver = await startReceiver();
    try {
      h.pim.admin.setEtimNotifyUrl(receiver.url);
      const ids = [...h.records('etim', 'products').keys()].sort();
      h.pim.admin.editProduct(ids[0] as string, { name: { en: 'Notified edit' } });
      h.pim.admin.deleteProduct(ids[1] as string);
      h.pim.admin.deleteProduct(ids[2] as string);
      h.pim.admin.createProduct({ sku: 'NOTIFIED-NEW', name: { en: 'Notified new' } });
      await h.pim.admin.flushNotifications();
      expect(receiver.bodies).toHaveLength(1);

      const c: Connector = h.connector('etim');
      const notices = c.parseNotification?.(receiver.bodies[0]) ?? [];
      expect(notices).toHaveLength(1);
      expect(notices[0]?.entity).toBe('products');
      expect([...(notices[0]?.changedIds ?? [])].sort()).toEqual([ids[0], 'NOTIFIED-NEW'].sort());
      expect([...(notices[0]?.deletedIds ?? [])].sort()).toEqual([ids[1], ids[2]]);

      const ingest = createIngest(h.store.sqlite);
      for (const notice of notices) {
        const records =
          (await c.readDetails?.(notice.entity, notice.changedIds, new AbortController().signal)) ?? [];
        h.store.sqlite.transaction(() =>
          ingest.ingestPage(
            h.connectionId('etim'),
            notice.entity,
            records,
            notice.deletedIds,
            new Date().toISOString(),
          ),
        )();
      }
      expect(mirrored(h, 'etim', 'products')).toEqual(await etimServes(h));
    } finally {
      h.pim.admin.setEtimNotifyUrl(null);
      await receiver.close();
    }
  });

  it('rejects a notification that is not the seed shape', () => {
    const c = h.connector('etim');
    expect(() => c.parseNotification?.('{"new": "XYZ"}')).toThrow(/list of product ids/);
    expect(() => c.parseNotification?.('not json')).toThrow(/JSON/);
    expect(c.parseNotification?.({ new: [], modified: [], deleted: [] })).toEqual([]);
  });

  it('finds deletions nobody notified by reconciling the id set on a full run', async () => {
    await h.pull('etim', 'products');
    const ids = [...h.records('etim', 'products').keys()].sort();
    for (const id of ids.slice(0, 4)) h.pim.admin.deleteProduct(id);
    // The incremental feed cannot see them...
    await h.pull('etim', 'products');
    expect(h.records('etim', 'products').size).toBe(300);
    // ...a full run's reconciliation does.
    const full = await h.pull('etim', 'products', { full: true });
    expect(full.reconciledDeletions).toBe(4);
    expect(mirrored(h, 'etim', 'products')).toEqual(await etimServes(h));
  });

  it('merges a remote edit of another field and raises a conflict on the same field', async () => {
    await h.pull('etim', 'products');
    const [a, b] = [...h.records('etim', 'products').keys()].sort() as [string, string];
    const setLocal = (id: string, value: string): void => {
      h.store.sqlite
        .prepare(
          `UPDATE record SET local = json_set(base, '$.overallInformation.productName.en', ?), state = 'dirty' WHERE remote_id = ?`,
        )
        .run(value, id);
    };
    setLocal(a, 'Mine A');
    setLocal(b, 'Mine B');
    h.pim.admin.editProduct(a, { name: { de: 'Theirs A (de)' } });
    h.pim.admin.editProduct(b, { name: { en: 'Theirs B' } });

    const summary = await h.pull('etim', 'products');
    expect(summary).toMatchObject({ merged: 2, conflicted: 1 });
    const rows = h.records('etim', 'products');
    const name = (doc: Record<string, unknown> | null | undefined) =>
      (doc?.overallInformation as { productName: Record<string, string> }).productName;
    expect(rows.get(a)?.state).toBe('dirty');
    expect(name(rows.get(a)?.local)).toMatchObject({ en: 'Mine A', de: 'Theirs A (de)' });
    expect(rows.get(b)?.state).toBe('conflict');
    expect(name(rows.get(b)?.local).en).toBe('Mine B');
    const conflicts = h.store.sqlite
      .prepare(
        `SELECT c.path, c.mine, c.theirs FROM conflict c JOIN record r ON r.id = c.record_id WHERE r.remote_id = ?`,
      )
      .all(b);
    expect(conflicts).toEqual([
      { path: 'overallInformation.productName.en', mine: '"Mine B"', theirs: '"Theirs B"' },
    ]);
  });

  it('stops after one 401', async () => {
    const connector = h.connector('etim', { auth: { kind: 'basic', username: 'demo', password: 'wrong' } });
    const err = await h.pull('etim', 'products', { connector }).catch((e: unknown) => e);
    expect(isHttpError(err, 'unauthorized')).toBe(true);
    expect(h.pim.admin.counters('etim')).toMatchObject({ total: 1, byStatus: { '401': 1 } });
    await expect(connector.probe?.(new AbortController().signal)).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    await h.connector('etim').probe?.(new AbortController().signal);
    expect(h.pim.admin.counters('etim')).toMatchObject({ total: 3, byStatus: { '401': 2, '200': 1 } });
  });

  it('waits out 429 and 503 with Retry-After', async () => {
    h.pim.admin.failNext('etim', 1, { status: 503, retryAfter: 1 });
    h.pim.admin.failNext('etim', 1, { status: 429, retryAfter: 1 });
    const summary = await h.pull('etim', 'products');
    expect(summary.records).toBe(300);
    const counters = h.pim.admin.counters('etim');
    expect(counters.byStatus).toMatchObject({ '429': 1, '503': 1, '200': 5 });
    expect(counters.total).toBe(7);
  });
});

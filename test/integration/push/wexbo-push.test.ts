/**
 * The upload queue against the demo WEXBO shop (001_15500709165aa147.txt): edits made through the
 * contract reach the remote exactly once, one record per request, the mirror takes the remote's state
 * afterwards, an edit made while its request is in flight is sent again, and a dry run lists exactly
 * the requests a real push then sends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPushHandlers } from '../../../src/core/push';
import { startPushHarness } from './harness';
import type { PushHarness } from './harness';

describe('push to WEXBO', () => {
  let h: PushHarness;
  beforeEach(async () => {
    h = await startPushHarness();
    await h.core.sync.run('demo-wexbo');
  });
  afterEach(async () => {
    await h.close();
  });

  const endpoint = (name: string): number => h.pim.admin.counters('wexbo').byEndpoint[name] ?? 0;

  it('delivers updates, a create and a delete exactly once and settles the mirror', async () => {
    const ids = h.recordIds('demo-wexbo', 4);
    const [a, b, c, gone] = ids as [number, number, number, number];
    await h.call('edits:setField', { recordIds: [a, b], path: 'price', value: 19.9 });
    await h.call('edits:apply', {
      edits: [
        { recordId: c, path: 'stock', value: 77 },
        { recordId: a, path: 'stock', value: 3 },
      ],
    });
    const { recordId: created } = await h.call('records:create', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      doc: { code: 'push-new-1', name: 'Nový produkt', price: 5.5, currency: 'EUR', active: true },
    });
    const goneRemote = h.remoteId(gone) as string;
    await h.call('records:delete', { recordId: gone });
    h.pim.admin.resetCounters('wexbo');

    const result = await h.push('demo-wexbo');

    expect(result).toMatchObject({ status: 'succeeded', sent: 5, rejected: 0, pending: 0 });
    expect(endpoint('PUT /products/{id}')).toBe(3);
    expect(endpoint('POST /products')).toBe(1);
    expect(endpoint('DELETE /products/{id}')).toBe(1);
    expect(h.pim.admin.getProduct(Number(h.remoteId(a)))).toMatchObject({ price: 19.9, stock: 3 });
    expect(h.pim.admin.getProduct(Number(h.remoteId(b)))).toMatchObject({ price: 19.9 });
    expect(h.pim.admin.getProduct(Number(h.remoteId(c)))).toMatchObject({ stock: 77 });
    expect(h.pim.admin.getProduct(Number(goneRemote))).toBeNull();
    const made = h.pim.admin.getProduct('push-new-1');
    expect(made).toMatchObject({ price: 5.5 });
    // The mirror: clean records whose base is what the remote now holds; the create has its id.
    expect(h.record(a)).toMatchObject({ state: 'clean', local: null, base: { price: 19.9, stock: 3 } });
    expect(h.record(created)).toMatchObject({ state: 'clean', local: null, remoteId: String(made?.id) });
    expect(h.record(gone)).toBeUndefined();
    expect(h.outbox('demo-wexbo').map((o) => o.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // A second push has nothing to do and sends nothing.
    h.pim.admin.resetCounters('wexbo');
    expect(await h.push('demo-wexbo')).toMatchObject({ status: 'succeeded', sent: 0, requests: 0 });
    expect(h.pim.admin.counters('wexbo').total).toBe(0);
    // Progress and the activity log saw the run.
    expect(h.progress.at(-1)).toMatchObject({ connectionId: 'demo-wexbo', state: 'done' });
    expect(h.progress.some((p) => p.state === 'done' && p.sent === 5 && p.total === 5)).toBe(true);
    const activity = await h.call('activity:list', { limit: 10 });
    expect(activity.find((e) => e.kind === 'push' && e.done === 5)).toMatchObject({ status: 'succeeded' });
  });

  it('sends an edit made while its request was in flight in a second request', async () => {
    const [id] = h.recordIds('demo-wexbo', 1) as [number];
    await h.call('edits:setField', { recordIds: [id], path: 'price', value: 10 });
    h.pim.admin.setFaults('wexbo', { latencyMs: 400 });
    const service = h.service();
    const running = service.run('demo-wexbo');
    for (let i = 0; i < 200 && h.outbox('demo-wexbo')[0]?.state !== 'sending'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(h.outbox('demo-wexbo')[0]?.state).toBe('sending');
    await h.call('edits:setField', { recordIds: [id], path: 'price', value: 11 });
    const result = await running;
    expect(result).toMatchObject({ status: 'succeeded', sent: 2 });
    expect(h.pim.admin.getProduct(Number(h.remoteId(id)))?.price).toBe(11);
    expect(h.record(id)).toMatchObject({ state: 'clean', local: null, base: { price: 11 } });
  });

  it('serves the push:* channels: start only what has something to send, dry run, retry now', async () => {
    const [id] = h.recordIds('demo-wexbo', 1) as [number];
    await h.call('edits:setField', { recordIds: [id], path: 'stock', value: 12 });
    const push = h.service();
    const handlers = createPushHandlers({ store: h.core.store, push, statusChanged: () => undefined });
    expect((await handlers['push:dryRun']({ connectionId: 'demo-wexbo' })).requests).toHaveLength(1);
    expect(await handlers['push:start']({})).toEqual({ started: ['demo-wexbo'] });
    expect(await handlers['push:start']({ connectionId: 'demo-wexbo' })).toEqual({ started: [] });
    for (let i = 0; i < 300 && push.isRunning('demo-wexbo'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.pim.admin.getProduct(Number(h.remoteId(id)))?.stock).toBe(12);
    expect(await handlers['push:retryNow']({ connectionId: 'demo-wexbo' })).toEqual({
      requeued: 0,
      started: true,
    });
    expect(handlers['push:cancel']({})).toEqual({ cancelled: 1 });
    await push.close();
  });

  it('refuses to push to an import-only remote and leaves its status alone', async () => {
    const before = (await h.call('connections:list', {})).find((c) => c.id === 'demo-wizart');
    await expect(h.service().run('demo-wizart')).rejects.toThrow(/does not accept changes/);
    expect((await h.call('connections:list', {})).find((c) => c.id === 'demo-wizart')).toEqual(before);
  });

  it('lists in a dry run exactly the requests a push then sends, and changes nothing', async () => {
    const ids = h.recordIds('demo-wexbo', 3);
    await h.call('edits:setField', { recordIds: ids, path: 'price', value: 42.5 });
    await h.call('records:create', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      doc: { code: 'dry-1', name: 'Skúška', price: 1, currency: 'EUR' },
    });
    h.pim.admin.resetCounters('wexbo');
    const dry = await h.service().dryRun('demo-wexbo');
    expect(h.pim.admin.counters('wexbo').total).toBe(0);
    expect(h.outbox('demo-wexbo').every((o) => o.state === 'queued')).toBe(true);
    expect(dry.operations).toEqual({ create: 1, update: 3, delete: 0 });
    expect(dry.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      ...ids.map((id) => `PUT /wexbo/products/${h.remoteId(id)}`),
      'POST /wexbo/products',
    ]);
    expect(JSON.parse(dry.requests[0]?.body ?? '')).toEqual({ price: 42.5 });
    expect(dry.requests[0]?.contentType).toBe('application/vnd.wexbo.v1');
    const viaRun = await h.service().run('demo-wexbo', { dryRun: true });
    expect(viaRun).toMatchObject({ status: 'succeeded', sent: 0, pending: 4 });
    expect(viaRun.dryRun?.requests).toEqual(dry.requests);
    expect(h.pim.admin.counters('wexbo').total).toBe(0);

    await h.push('demo-wexbo');
    const counters = h.pim.admin.counters('wexbo').byEndpoint;
    expect({ put: counters['PUT /products/{id}'], post: counters['POST /products'] }).toEqual({
      put: 3,
      post: 1,
    });
  });
});

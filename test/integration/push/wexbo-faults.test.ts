/**
 * Faults injected by the demo WEXBO shop (src/core/demo-pim/README.md, fault knobs): every edit ends
 * delivered exactly once or visibly rejected with the remote's reason. Retry waits run on the
 * service's jump clock; the limiter's Retry-After pauses are real, so storms are kept short.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPushHarness } from './harness';
import type { PushHarness } from './harness';

describe('push to WEXBO under faults', () => {
  let h: PushHarness;
  beforeEach(async () => {
    h = await startPushHarness();
    await h.core.sync.run('demo-wexbo');
  });
  afterEach(async () => {
    await h.close();
  });

  const counters = () => h.pim.admin.counters('wexbo');
  const product = (recordId: number) => h.pim.admin.getProduct(Number(h.remoteId(recordId)));
  const states = () => h.outbox('demo-wexbo').map((o) => o.state);

  async function editPrices(n: number, value: number): Promise<number[]> {
    const ids = h.recordIds('demo-wexbo', n, 10);
    await h.call('edits:setField', { recordIds: ids, path: 'price', value });
    return ids;
  }

  it('rides out a 429 storm, with and without Retry-After', async () => {
    const ids = await editPrices(4, 31.5);
    h.pim.admin.resetCounters('wexbo');
    h.pim.admin.setFaults('wexbo', { rate429: 0.35, rate429NoRetryAfter: 0.15, seed: 7 });
    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ status: 'succeeded', sent: 4, rejected: 0, pending: 0 });
    expect(counters().byStatus['429']).toBeGreaterThan(0);
    for (const id of ids) expect(product(id)?.price).toBe(31.5);
    expect(counters().byStatus['200']).toBe(5); // one read-back of the four, then one PUT each
  });

  it('retries 500, 503, resets and requests that never answer until each edit is delivered once', async () => {
    const ids = await editPrices(3, 12.25);
    h.pim.admin.resetCounters('wexbo');
    h.pim.admin.failNext('wexbo', 1, { status: 503, retryAfter: 1 });
    h.pim.admin.failNext('wexbo', 1, { status: 500 });
    h.pim.admin.failNext('wexbo', 1, 'reset');
    h.pim.admin.failNext('wexbo', 1, 'timeout');
    const result = await h.push('demo-wexbo', { requestTimeoutMs: 400 });
    expect(result).toMatchObject({ status: 'succeeded', sent: 3, rejected: 0 });
    for (const id of ids) expect(product(id)?.price).toBe(12.25);
    expect(counters().byStatus).toMatchObject({ '500': 1, '503': 1, reset: 1, timeout: 1 });
    expect(h.clock.slept()).toBeGreaterThan(0);
  });

  it('gives up a run after failures in a row without losing anything, and delivers on the next', async () => {
    const ids = await editPrices(2, 8.8);
    h.pim.admin.setMaintenance('wexbo', true, 30);
    const failed = await h.push('demo-wexbo', { maxConsecutiveFailures: 3 });
    expect(failed).toMatchObject({ status: 'failed', sent: 0, pending: 2 });
    expect(failed.message).toContain('503');
    expect((await h.call('connections:list', {})).find((c) => c.id === 'demo-wexbo')?.status).toBe('offline');
    h.pim.admin.setMaintenance('wexbo', false);
    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ status: 'succeeded', sent: 2 });
    for (const id of ids) expect(product(id)?.price).toBe(8.8);
  });

  it("marks just the records the remote refuses as rejected, with the remote's reason", async () => {
    const ids = await editPrices(3, 17);
    const refused = ids[1] as number;
    h.pim.admin.setRejections('wexbo', [Number(h.remoteId(refused))], 'Locked by the ERP');
    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ status: 'succeeded', sent: 2, rejected: 1 });
    const row = h.outbox('demo-wexbo').find((o) => o.recordId === refused);
    expect(row).toMatchObject({ state: 'rejected' });
    expect(row?.lastError).toContain('Locked by the ERP');
    expect(h.record(refused)).toMatchObject({ state: 'dirty', local: { price: 17 } });
    const changes = await h.call('changes:list', { connectionId: 'demo-wexbo', limit: 10 });
    expect(changes.find((c) => c.recordId === refused)).toMatchObject({ state: 'rejected' });
    // Once the remote lifts the lock, "retry now" delivers it.
    h.pim.admin.setRejections('wexbo', []);
    const service = h.service();
    expect(await service.retryNow('demo-wexbo')).toMatchObject({ requeued: 1, started: true });
    for (let i = 0; i < 300 && service.isRunning('demo-wexbo'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(product(refused)?.price).toBe(17);
    expect(states()).toEqual(['sent', 'sent', 'sent']);
  });

  it('rejects a create with a duplicate code and one the remote finds too large', async () => {
    const [big] = await editPrices(1, 3.3);
    const { recordId: dup } = await h.call('records:create', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      doc: { code: 'tenrak01', name: 'Duplicate', price: 1, currency: 'EUR' },
    });
    h.pim.admin.failNext('wexbo', 1, { status: 413 });
    const result = await h.push('demo-wexbo', { preflight: false });
    expect(result).toMatchObject({ status: 'succeeded', rejected: 2 });
    const rows = h.outbox('demo-wexbo');
    expect(rows.find((o) => o.recordId === big)?.lastError).toMatch(/too large \(413\)/);
    expect(rows.find((o) => o.recordId === dup)?.lastError).toMatch(/code/i);
    expect(h.record(dup)?.state).toBe('new');
  });

  it('never creates twice when the answer to a create was lost', async () => {
    await h.call('records:create', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      doc: { code: 'lost-answer-1', name: 'Stratená odpoveď', price: 2, currency: 'EUR' },
    });
    h.pim.admin.setFaults('wexbo', { latencyMs: 300 });
    const first = h.service();
    const running = first.run('demo-wexbo');
    // Cancel once the POST has reached the remote (it counts requests as they arrive).
    for (let i = 0; i < 200 && !counters().byEndpoint['POST /products']; i++)
      await new Promise((r) => setTimeout(r, 5));
    first.cancel('demo-wexbo');
    expect(await running).toMatchObject({ status: 'cancelled', sent: 0 });
    // The remote still handles the POST it received; the app never heard back.
    for (let i = 0; i < 200 && !h.pim.admin.getProduct('lost-answer-1'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(h.pim.admin.getProduct('lost-answer-1')).not.toBeNull();
    expect(h.outbox('demo-wexbo')[0]).toMatchObject({ state: 'queued' });
    expect(h.outbox('demo-wexbo')[0]?.sentRevision).not.toBeNull();
    h.pim.admin.setFaults('wexbo', {});
    h.pim.admin.resetCounters('wexbo');
    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ status: 'succeeded', sent: 1 });
    expect(counters().byEndpoint['POST /products'] ?? 0).toBe(0);
    const made = h.pim.admin.getProduct('lost-answer-1');
    const [row] = h.outbox('demo-wexbo');
    expect(h.record(row?.recordId as number)).toMatchObject({ state: 'clean', remoteId: String(made?.id) });
  });

  it('deletes on the remote a create whose answer was lost and that the user then deleted', async () => {
    const { recordId } = await h.call('records:create', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      doc: { code: 'lost-then-deleted', name: 'Zmazaný', price: 2, currency: 'EUR' },
    });
    h.pim.admin.setFaults('wexbo', { latencyMs: 300 });
    const first = h.service();
    const running = first.run('demo-wexbo');
    for (let i = 0; i < 200 && !counters().byEndpoint['POST /products']; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    first.cancel('demo-wexbo');
    await running;
    for (let i = 0; i < 200 && !h.pim.admin.getProduct('lost-then-deleted'); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    // Not dropped as "never sent": it may exist remotely, so the queue deletes it there.
    expect(await h.call('records:delete', { recordId })).toEqual({ removed: false, state: 'deleted-local' });
    h.pim.admin.setFaults('wexbo', {});
    expect(await h.push('demo-wexbo')).toMatchObject({ status: 'succeeded', sent: 2 });
    expect(h.pim.admin.getProduct('lost-then-deleted')).toBeNull();
    expect(h.record(recordId)).toBeUndefined();
  });
});

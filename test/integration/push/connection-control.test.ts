/**
 * What stops, pauses and resumes a connection's push: credit running out (402 pauses), a token
 * revoked or expired mid-push (401/423 stop at once, without hammering the login into WEXBO's
 * 5-failure lock, 001_15500709165aa147.txt), the user's pause, resume and cancel, and a colleague's
 * edit on the remote between our edit and our push (merged, or a conflict for the user to resolve).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPushHarness } from './harness';
import type { PushHarness } from './harness';

describe('push: stop, pause, resume and remote edits', () => {
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
  const connection = async () => (await h.call('connections:list', {})).find((c) => c.id === 'demo-wexbo');

  async function editPrices(n: number, value: number): Promise<number[]> {
    const ids = h.recordIds('demo-wexbo', n, 20);
    await h.call('edits:setField', { recordIds: ids, path: 'price', value });
    return ids;
  }

  it('pauses on 402 (credit exhausted) and delivers the rest after resume', async () => {
    const ids = await editPrices(5, 66.6);
    // The read-back of five products costs 5, each PUT 1: the third PUT finds no credit.
    h.pim.admin.setCredit(7);
    const paused = await h.push('demo-wexbo');
    expect(paused).toMatchObject({ status: 'paused', sent: 2, pending: 3 });
    expect(paused.message).toContain('402');
    expect(await connection()).toMatchObject({ status: 'paused' });
    expect(h.outbox('demo-wexbo').map((o) => o.state)).toEqual([
      'sent',
      'sent',
      'paused',
      'paused',
      'paused',
    ]);
    // While paused nothing is sent, even when asked.
    h.pim.admin.resetCounters('wexbo');
    expect(await h.push('demo-wexbo')).toMatchObject({ status: 'paused', sent: 0 });
    expect(counters().total).toBe(0);
    h.pim.admin.setCredit(null);
    const service = h.service();
    expect(await service.resume('demo-wexbo')).toMatchObject({ resumed: true, started: true });
    for (let i = 0; i < 300 && service.isRunning('demo-wexbo'); i++)
      await new Promise((r) => setTimeout(r, 20));
    for (const id of ids) expect(product(id)?.price).toBe(66.6);
    expect(await connection()).toMatchObject({ status: 'online' });
  });

  it('stops at once when the token expires mid-push (423) and sends nothing more', async () => {
    const ids = await editPrices(4, 5.25);
    let batches = 0;
    const service = h.service(
      {},
      {
        onBatch: () => {
          batches += 1;
          if (batches === 1) h.pim.admin.setWexboLimits({ tokenExpired: true });
        },
      },
    );
    h.pim.admin.resetCounters('wexbo');
    const result = await service.run('demo-wexbo');
    expect(result).toMatchObject({ status: 'stopped', sent: 1, pending: 3 });
    expect(result.message).toContain('423');
    expect(counters().byStatus['423']).toBe(1);
    expect(await connection()).toMatchObject({ status: 'stopped' });
    expect(h.outbox('demo-wexbo').filter((o) => o.state === 'queued')).toHaveLength(3);
    h.pim.admin.setWexboLimits({ tokenExpired: false });
    expect(await h.push('demo-wexbo')).toMatchObject({ status: 'succeeded', sent: 3 });
    for (const id of ids) expect(product(id)?.price).toBe(5.25);
  });

  it('stops after one refused login (401) and keeps every edit queued', async () => {
    await editPrices(3, 9);
    await h.core.demo!.secrets.set('demo-wexbo.token', 'revoked-token');
    h.pim.admin.resetCounters('wexbo');
    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ status: 'stopped', sent: 0, pending: 3 });
    expect(result.message).toContain('401');
    expect(counters().total).toBe(1);
    expect(h.outbox('demo-wexbo').every((o) => o.state === 'queued' && o.attempts === 0)).toBe(true);
  });

  it('pauses, cancels and resumes on request without losing anything', async () => {
    const ids = await editPrices(4, 3.75);
    h.pim.admin.setFaults('wexbo', { latencyMs: 150 });
    const service = h.service();
    const running = service.run('demo-wexbo');
    for (let i = 0; i < 300 && (counters().byEndpoint['PUT /products/{id}'] ?? 0) < 1; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await service.pause('demo-wexbo')).toMatchObject({ paused: true, wasRunning: true });
    const paused = await running;
    expect(paused.status).toBe('paused');
    expect(await connection()).toMatchObject({ status: 'paused' });
    expect(h.outbox('demo-wexbo').some((o) => o.state === 'paused')).toBe(true);

    await service.resume('demo-wexbo');
    for (let i = 0; i < 300 && (counters().byEndpoint['PUT /products/{id}'] ?? 0) < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(service.cancel('demo-wexbo')).toBe(1);
    for (let i = 0; i < 300 && service.isRunning('demo-wexbo'); i++)
      await new Promise((r) => setTimeout(r, 10));
    h.pim.admin.setFaults('wexbo', {});
    const last = await h.push('demo-wexbo');
    expect(last.status).toBe('succeeded');
    for (const id of ids) expect(product(id)?.price).toBe(3.75);
    expect(h.outbox('demo-wexbo').every((o) => o.state === 'sent')).toBe(true);
  });

  it("takes a colleague's remote edit of another field and shows a clash on the same field as a conflict", async () => {
    const [merged, clash] = h.recordIds('demo-wexbo', 2, 30) as [number, number];
    await h.call('edits:setField', { recordIds: [merged, clash], path: 'price', value: 44 });
    h.pim.admin.editProduct(Number(h.remoteId(merged)), { stock: 901 });
    h.pim.admin.editProduct(Number(h.remoteId(clash)), { price: 99 });
    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ status: 'succeeded', sent: 1, conflicts: 1, pending: 1 });
    expect(product(merged)).toMatchObject({ price: 44, stock: 901 });
    expect(h.record(merged)).toMatchObject({ state: 'clean', base: { price: 44, stock: 901 } });
    // Never silently resolved: the remote keeps its 99 until the user decides.
    expect(product(clash)?.price).toBe(99);
    expect(h.record(clash)?.state).toBe('conflict');
    const [conflict] = await h.call('conflicts:list', { connectionId: 'demo-wexbo', limit: 10 });
    expect(conflict).toMatchObject({ recordId: clash, path: 'price', mine: 44, theirs: 99 });
    await h.call('conflicts:resolve', { recordId: clash, path: 'price', choice: 'mine' });
    expect(await h.push('demo-wexbo')).toMatchObject({ status: 'succeeded', sent: 1, pending: 0 });
    expect(product(clash)?.price).toBe(44);
  });
});

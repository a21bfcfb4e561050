/**
 * WEXBO pulls meeting local edits (three-way merge, conflicts) and remote failures: 401 and 423 stop
 * after one response (5 failed logins lock the account, 001_15500709165aa147.txt), 429 and 503 are
 * waited out, code-100 warnings are logged and ignored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '../../../src/core/net';
import { startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

describe('WEXBO pull: merge and failures', () => {
  let h: SyncHarness;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 300, seed: 3 });
  });
  afterEach(async () => {
    await h.close();
  });

  const editLocally = (id: string, path: string, value: unknown): void => {
    h.store.sqlite
      .prepare(`UPDATE record SET local = json_set(base, ?, json(?)), state = 'dirty' WHERE remote_id = ?`)
      .run(`$.${path}`, JSON.stringify(value), id);
  };

  it('merges a remote edit of another field and raises a conflict on the same field', async () => {
    await h.pull('wexbo', 'products');
    editLocally('1000020', 'price', 12.5);
    editLocally('1000021', 'price', 1.23);
    h.pim.admin.editProduct(1000020, { stock: 99 });
    h.pim.admin.editProduct(1000021, { price: 4.56 });

    const summary = await h.pull('wexbo', 'products');
    expect(summary).toMatchObject({ merged: 2, conflicted: 1 });
    const rows = h.records('wexbo', 'products');
    const merged = rows.get('1000020');
    expect(merged?.state).toBe('dirty');
    expect(merged?.base).toMatchObject({ price: h.pim.admin.getProduct(1000020)?.price, stock: 99 });
    expect(merged?.local).toEqual({ ...merged?.base, price: 12.5 });
    const conflict = rows.get('1000021');
    expect(conflict?.state).toBe('conflict');
    expect(conflict?.local?.price).toBe(1.23);
    const stored = h.store.sqlite
      .prepare(
        `SELECT c.path, c.mine, c.theirs FROM conflict c JOIN record r ON r.id = c.record_id WHERE r.remote_id = ?`,
      )
      .all('1000021');
    expect(stored).toEqual([{ path: 'price', mine: '1.23', theirs: '4.56' }]);
  });

  it('stops after one 401: a bad token is never tried again', async () => {
    const connector = h.connector('wexbo', { auth: { kind: 'bearer', token: 'not-the-token' } });
    const err = await h.pull('wexbo', 'products', { connector }).catch((e: unknown) => e);
    expect(isHttpError(err, 'unauthorized')).toBe(true);
    expect(h.pim.admin.counters('wexbo')).toMatchObject({ total: 1, byStatus: { '401': 1 } });
    await expect(connector.probe?.(new AbortController().signal)).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(h.pim.admin.counters('wexbo').total).toBe(2);
  });

  it('stops after one 423 (locked or expired token)', async () => {
    h.pim.admin.setWexboLimits({ tokenExpired: true });
    const err = await h.pull('wexbo', 'products').catch((e: unknown) => e);
    expect(isHttpError(err, 'locked')).toBe(true);
    expect(h.pim.admin.counters('wexbo')).toMatchObject({ total: 1, byStatus: { '423': 1 } });
  });

  it('waits out 429 and 503 with Retry-After and completes the mirror', async () => {
    h.pim.admin.failNext('wexbo', 1, { status: 429, retryAfter: 1 });
    h.pim.admin.failNext('wexbo', 1, { status: 503, retryAfter: 1 });
    const summary = await h.pull('wexbo', 'products');
    expect(summary.records).toBe(300);
    expect(h.records('wexbo', 'products').size).toBe(300);
    const counters = h.pim.admin.counters('wexbo');
    expect(counters.byStatus).toMatchObject({ '429': 1, '503': 1 });
    // Each failure cost exactly one extra request: 2 pages + 2 id pages + 2 retried.
    expect(counters.total).toBe(6);
  });

  it('logs code-100 warnings and carries on', async () => {
    const logged: string[] = [];
    const connector = h.connector('wexbo', {
      settings: { fields: 'id,code,name,date_modified,no_such_field' },
      log: (level, msg) => logged.push(`${level}: ${msg}`),
    });
    const summary = await h.pull('wexbo', 'products', { connector });
    expect(summary.records).toBe(300);
    expect(logged.some((l) => l.startsWith('warn:') && l.includes('Field no_such_field not exist.'))).toBe(
      true,
    );
    const one = h.records('wexbo', 'products').get('1000001')?.base;
    expect(Object.keys(one ?? {}).sort()).toEqual(['code', 'date_modified', 'id', 'name']);
  });
});

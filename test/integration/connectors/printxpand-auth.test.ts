/**
 * PrintXpand's OAuth 1.0a as Magento verifies it (seeds/003_f9a1ab627ff386f6.txt): the probe, and
 * wrong credentials surfacing as `unauthorized` whether Magento answers them with 401 or with 400.
 * Plus the matching of per-record answers when the remote leaves some records unanswered.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printxpandConnector } from '../../../src/core/connectors/printxpand';
import { matchResults, parseResponse } from '../../../src/core/connectors/printxpand/results';
import type { PushOp } from '../../../src/core/connectors/types';
import { printXpandSnapshot } from '../../../src/core/demo-pim/printxpand';
import type { HttpAuth } from '../../../src/core/net/auth';
import { connect, signal, startPim } from './connector-harness';
import type { Connected, PimHarness } from './connector-harness';

let h: PimHarness;
const opened: Connected[] = [];

beforeEach(async () => {
  h = await startPim();
});
afterEach(async () => {
  for (const c of opened.splice(0)) c.close();
  await h.close();
});

function connector(change: Partial<Extract<HttpAuth, { kind: 'oauth1' }>> = {}) {
  const c = h.pim.credentials.printxpand;
  const auth: HttpAuth = {
    kind: 'oauth1',
    consumerKey: c.consumerKey,
    consumerSecret: c.consumerSecret,
    token: c.accessToken,
    tokenSecret: c.accessSecret,
    ...change,
  };
  const conn = connect(h, printxpandConnector, h.pim.urls.printxpand, auth);
  opened.push(conn);
  return conn.connector;
}

const category = { clientOpId: 'c1', op: 'create', remoteId: '101', doc: { name: 'Stationary' } } as const;

describe('probe', () => {
  it('succeeds with the right keys, in one request that writes nothing', async () => {
    await connector().probe!(signal());
    expect((await h.pim.admin.counters('printxpand')).byStatus).toEqual({ '200': 1 });
    const db = new Database(h.pim.dataFile, { readonly: true });
    try {
      expect(printXpandSnapshot(db)).toEqual({ customers: [], categories: [], products: [], orders: [] });
    } finally {
      db.close();
    }
  });

  it('works with HMAC-SHA1 signatures too', async () => {
    await expect(connector({ signatureMethod: 'HMAC-SHA1' }).probe!(signal())).resolves.toBeUndefined();
  });

  it('reports a wrong consumer secret (401 bad signature) as unauthorized, sent once', async () => {
    await expect(connector({ consumerSecret: 'not-the-secret' }).probe!(signal())).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
      serverMessage: 'The signature is invalid. Verify and try again.',
    });
    expect((await h.pim.admin.counters('printxpand')).total).toBe(1);
  });
});

describe('push with wrong keys', () => {
  it('throws unauthorized for an unknown consumer key (401)', async () => {
    const px = connector({ consumerKey: 'demo-px-consumer-kez' });
    await expect(px.push!('categories', [category], signal())).rejects.toMatchObject({
      kind: 'unauthorized',
      serverMessage: 'A consumer having the specified key does not exist',
    });
  });

  it('throws unauthorized for a token of the wrong length, which Magento answers with 400', async () => {
    const px = connector({ token: 'short' });
    await expect(px.push!('categories', [category], signal())).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 400,
      serverMessage: 'The token length is invalid. Check the length and try again.',
    });
  });
});

describe('matching per-record answers', () => {
  const ops = ['10', '11', '12'].map((id) => ({
    op: { clientOpId: `op-${id}`, op: 'create', remoteId: id } as PushOp,
    id,
  }));

  it('leaves every record unknown when the remote answers 201 without per-record results', async () => {
    await h.pim.admin.failNext('printxpand', 1, { status: 201, message: 'Partially processed' });
    const product = (id: string): PushOp => ({
      clientOpId: `op-${id}`,
      op: 'create',
      remoteId: id,
      doc: { name: `Tshirt ${id}`, type: 'simple' },
    });
    const results = await connector().push!('products', [product('8001'), product('8002')], signal());
    expect(results.map((r) => r.error?.kind)).toEqual(['unknown', 'unknown']);
    expect(results[0]!.error!.message).toMatch(/201/);
  });

  it('leaves records a 201 answer does not mention unknown, and trusts the ones it does', () => {
    const answer = parseResponse([
      {
        response: [
          { id: 10, code: 200, status: 'success', message: 'Product Updated Successfully!' },
          { id: '12', code: 404, status: 'error', message: 'Please pass vaild price.' },
        ],
      },
    ]);
    const results = matchResults(ops, 'upsert', answer, 201);
    expect(results.map((r) => [r.clientOpId, r.ok, r.error?.kind])).toEqual([
      ['op-10', true, undefined],
      ['op-11', false, 'unknown'],
      ['op-12', false, 'rejected'],
    ]);
  });

  it('places an answer without an id by its position', () => {
    const answer = parseResponse([
      {
        response: [
          { id: '10', code: 200, status: 'success', message: 'ok' },
          { code: 404, status: 'error', message: 'Please pass valid customer Id!' },
          { id: '12', code: 200, status: 'success', message: 'ok' },
        ],
      },
    ]);
    const results = matchResults(ops, 'upsert', answer, 200);
    expect(results[1]).toMatchObject({
      ok: false,
      error: { kind: 'rejected', message: 'Please pass valid customer Id!' },
    });
    expect(parseResponse({ message: 'not a result list' })).toBeUndefined();
  });
});

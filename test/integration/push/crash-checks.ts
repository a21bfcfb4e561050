/**
 * The crash harness's invariants (crash-harness.ts), checked after each round has drained: nothing
 * pending or rejected, every field update on the remote, every created code exactly once (counted
 * through the WEXBO API), renamed codes gone, deletions done, and the catalog size adding up.
 */
import type Database from 'better-sqlite3';
import type { DemoPim } from '../../../src/core/demo-pim';

export const CONNECTION = 'demo-wexbo';

export interface Expected {
  /** recordId → fields the remote must show. */
  updates: Map<number, { price?: number; stock?: number }>;
  /** recordId → the code the created product must have. */
  creates: Map<number, string>;
  /** Codes that must not exist any more (renamed creates). */
  goneCodes: Set<string>;
  deletes: Set<string>;
}

export interface CheckTarget {
  sqlite: Database.Database;
  pim: DemoPim;
  expected: Expected;
  log: (line: string) => void;
}

export async function countByCode(pim: DemoPim, code: string): Promise<number> {
  const url = `${pim.urls.wexbo}/products?fields=id,code&filter[code]=${encodeURIComponent(code)}`;
  const res = await fetch(url, {
    headers: {
      authorization: `Bearer ${pim.credentials.wexbo.token}`,
      'content-type': 'application/vnd.wexbo.v1',
    },
  });
  const body = (await res.json()) as { data?: { code: string }[] };
  return (body.data ?? []).filter((p) => p.code === code).length;
}

export async function checkInvariants(r: CheckTarget, initialProducts: number): Promise<string[]> {
  const problems: string[] = [];
  const left = r.sqlite
    .prepare(
      `SELECT record_id, state, last_error FROM outbox WHERE connection_id = ? AND state NOT IN ('sent')`,
    )
    .all(CONNECTION) as { record_id: number; state: string; last_error: string | null }[];
  for (const o of left) problems.push(`record ${o.record_id} left ${o.state}: ${o.last_error ?? ''}`);
  for (const [recordId, fields] of r.expected.updates) {
    const remoteId = (
      r.sqlite.prepare(`SELECT remote_id FROM record WHERE id = ?`).get(recordId) as
        { remote_id: string } | undefined
    )?.remote_id;
    const p = remoteId ? r.pim.admin.getProduct(Number(remoteId)) : null;
    for (const [k, v] of Object.entries(fields)) {
      if (p?.[k as 'price' | 'stock'] !== v)
        problems.push(`lost: record ${recordId} ${k} ${v}, remote has ${String(p?.[k as 'price'])}`);
    }
  }
  for (const [recordId, code] of r.expected.creates) {
    const n = await countByCode(r.pim, code);
    if (n !== 1) problems.push(`create ${code} (record ${recordId}) exists ${n} times on the remote`);
  }
  for (const code of r.expected.goneCodes) {
    if ((await countByCode(r.pim, code)) !== 0)
      problems.push(`renamed code ${code} still exists (a second create?)`);
  }
  for (const id of r.expected.deletes)
    if (r.pim.admin.getProduct(Number(id))) problems.push(`delete of ${id} lost`);
  const size = r.pim.admin.state().catalog.products;
  const expectedSize = initialProducts + r.expected.creates.size - r.expected.deletes.size;
  if (size !== expectedSize) {
    const extra = r.pim.admin
      .tombstones()
      .map((t) => String(t.id))
      .filter((id) => !r.expected.deletes.has(id));
    problems.push(
      `remote has ${size} products, expected ${expectedSize}; unexpected deletions: ${extra.join(', ') || 'none'}`,
    );
  }
  return problems;
}

/** With CRASH_DEBUG set: the rows a failing round left behind, and what was expected. */
export function dumpState(r: CheckTarget): void {
  const rows = r.sqlite
    .prepare(
      `SELECT r.id, r.remote_id, r.state, r.base, r.local, o.op, o.state AS row_state, o.revision,
        o.sent_revision, o.last_error
      FROM record r JOIN outbox o ON o.record_id = r.id
      WHERE r.connection_id = ? AND (o.state <> 'sent' OR r.state <> 'clean') ORDER BY r.id`,
    )
    .all(CONNECTION) as Record<string, unknown>[];
  for (const row of rows) r.log(JSON.stringify(row));
  r.log(`expected creates ${JSON.stringify([...r.expected.creates])}`);
  r.log(`expected deletes ${JSON.stringify([...r.expected.deletes])}`);
}

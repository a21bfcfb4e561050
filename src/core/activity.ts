/** The activity log: one row per sync, push, import or validation, updated as it runs. */
import type { Kysely } from 'kysely';
import type { ActivityEntry } from '../shared/domain';
import type { DB } from './db/schema';

export async function startActivity(
  db: Kysely<DB>,
  entry: { kind: ActivityEntry['kind']; connectionId: string | null; title: string; total?: number | null },
  now: () => Date,
): Promise<number> {
  const row = await db
    .insertInto('activity')
    .values({
      kind: entry.kind,
      connection_id: entry.connectionId,
      title: entry.title,
      status: 'running',
      total: entry.total ?? null,
      started_at: now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateActivity(
  db: Kysely<DB>,
  id: number,
  patch: { done?: number; total?: number | null; message?: string | null; status?: ActivityEntry['status'] },
  now: () => Date,
): Promise<ActivityEntry> {
  const finished = patch.status !== undefined && patch.status !== 'running';
  await db
    .updateTable('activity')
    .set({
      ...(patch.done !== undefined ? { done: patch.done } : {}),
      ...(patch.total !== undefined ? { total: patch.total } : {}),
      ...(patch.message !== undefined ? { message: patch.message } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(finished ? { finished_at: now().toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute();
  const r = await db.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    id: r.id,
    kind: r.kind,
    connectionId: r.connection_id,
    title: r.title,
    status: r.status,
    done: r.done,
    total: r.total,
    message: r.message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

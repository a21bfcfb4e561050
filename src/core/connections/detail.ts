import { sql } from 'kysely';
import type { ConnectionDetail } from '../../shared/domain';
import type { Store } from '../db/open';
import { requireConnection } from './service';

export async function getConnectionDetail(
  store: Store,
  idOrName: string,
  syncing: (id: string) => boolean,
): Promise<ConnectionDetail> {
  const connection = await requireConnection(store.db, idOrName);
  const entities = await store.db
    .selectFrom('record')
    .select([
      'entity',
      (eb) => eb.fn.countAll<number>().as('records'),
      sql<number>`coalesce(sum(state in ('dirty', 'new', 'deleted-local')), 0)`.as('dirty'),
      sql<number>`coalesce(sum(state = 'conflict'), 0)`.as('conflicts'),
      sql<number>`coalesce(sum(state = 'deleted-remote'), 0)`.as('deletedRemote'),
    ])
    .where('connection_id', '=', connection.id)
    .groupBy('entity')
    .orderBy('entity')
    .execute();
  const outboxRows = await store.db
    .selectFrom('outbox')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('connection_id', '=', connection.id)
    .groupBy('state')
    .execute();
  const cursors = await store.db
    .selectFrom('sync_cursor')
    .selectAll()
    .where('connection_id', '=', connection.id)
    .orderBy('entity')
    .execute();
  return {
    connection,
    entities: entities.map((e) => ({
      entity: e.entity,
      records: Number(e.records),
      dirty: Number(e.dirty),
      conflicts: Number(e.conflicts),
      deletedRemote: Number(e.deletedRemote),
    })),
    outbox: Object.fromEntries(outboxRows.map((r) => [r.state, Number(r.n)])),
    cursors: cursors.map((c) => ({
      entity: c.entity,
      runState: c.run_state,
      highWater: c.high_water,
      lastCompletedAt: c.last_completed_at,
      done: c.done,
      total: c.total,
      lastError: c.last_error,
    })),
    syncing: syncing(connection.id),
  };
}

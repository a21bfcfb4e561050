/** The grid's catalog channels: columns, rows, ids, and the field indexes behind fast filters. */
import type { Handlers } from '../../shared/contract';
import type { GridColumn } from '../../shared/domain';
import type { HandlerContext } from '../handlers';
import {
  dropFieldIndex,
  fieldIndexOf,
  fieldIndexOptions,
  fieldIndexStates,
  requestFieldIndexes,
} from './field-index';
import { fieldValues, getColumns, jsonPath, queryIds, queryRows } from './rows';

type CatalogHandlers = Pick<
  Handlers,
  | 'catalog:getColumns'
  | 'catalog:queryRows'
  | 'catalog:queryIds'
  | 'catalog:prepareFilter'
  | 'catalog:fieldIndexes'
  | 'catalog:dropFieldIndex'
>;

/** Inferred columns only change when a sync brings new fields; a short cache spares the sample per scroll. */
const COLUMN_TTL_MS = 30_000;

export function createCatalogHandlers(ctx: HandlerContext): CatalogHandlers {
  const { sqlite } = ctx.store;
  const cache = new Map<string, { at: number; columns: GridColumn[] }>();
  const columnsOf = (connectionId: string, entity: string): GridColumn[] => {
    const key = `${connectionId}\u0000${entity}`;
    const at = ctx.now().getTime();
    const hit = cache.get(key);
    if (hit && at - hit.at < COLUMN_TTL_MS) return hit.columns;
    const columns = getColumns(sqlite, connectionId, entity);
    cache.set(key, { at, columns });
    return columns;
  };
  return {
    'catalog:getColumns': ({ connectionId, entity }) => {
      cache.delete(`${connectionId}\u0000${entity}`);
      return columnsOf(connectionId, entity);
    },
    'catalog:queryRows': (input) =>
      queryRows(sqlite, input, () => columnsOf(input.connectionId, input.entity)),
    'catalog:queryIds': (input) => queryIds(sqlite, input, () => columnsOf(input.connectionId, input.entity)),
    'catalog:fieldIndexes': () => fieldIndexStates(sqlite),
    'catalog:dropFieldIndex': ({ jsonPath: p }) => ({ dropped: dropFieldIndex(sqlite, p) }),
    'catalog:prepareFilter': ({ connectionId, entity, path }) => {
      const p = jsonPath(path);
      const min = fieldIndexOptions.prepareMinRecords;
      // Values are quick from the field's index, or over a small entity (counting stops at `min`).
      const quick =
        fieldIndexOf(sqlite, p) !== null ||
        (sqlite
          .prepare(
            `SELECT count(*) FROM (SELECT 1 FROM record WHERE connection_id = ? AND entity = ? LIMIT ?)`,
          )
          .pluck()
          .get(connectionId, entity, min) as number) < min;
      if (quick) return { indexing: false, values: fieldValues(sqlite, connectionId, entity, p) };
      return { indexing: requestFieldIndexes(sqlite, [p]).length > 0, values: null };
    },
  };
}

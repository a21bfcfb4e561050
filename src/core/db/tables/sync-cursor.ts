import type { Generated } from 'kysely';

export interface SyncCursorTable {
  connection_id: string;
  entity: string;
  /** JSON: where the current run has committed up to (connector-specific). */
  position: string | null;
  /** UTC ISO time: changes at or after this are fetched by the next incremental run. */
  high_water: string | null;
  run_state: Generated<'idle' | 'running' | 'interrupted' | 'failed'>;
  run_started_at: string | null;
  done: Generated<number>;
  total: number | null;
  last_completed_at: string | null;
  last_error: string | null;
}

import type { Generated } from 'kysely';
import type { OutboxState } from '../../../shared/domain';

export interface OutboxTable {
  id: Generated<number>;
  record_id: number;
  connection_id: string;
  op: 'create' | 'update' | 'delete';
  client_op_id: string;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  batch_id: string | null;
  created_at: string;
  updated_at: string;
}

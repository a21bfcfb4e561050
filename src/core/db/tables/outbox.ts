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
  revision: Generated<number>;
  sent_revision: number | null;
}

export interface EditGroupTable {
  seq: Generated<number>;
  id: string;
  connection_id: string | null;
  label: string;
  created_at: string;
  undone_at: string | null;
  discarded: Generated<number>;
}

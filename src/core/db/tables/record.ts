import type { Generated, Selectable } from 'kysely';
import type { RecordState } from '../../../shared/domain';

export interface RecordTable {
  id: Generated<number>;
  connection_id: string;
  entity: string;
  remote_id: string | null;
  base: string | null;
  local: string | null;
  state: Generated<RecordState>;
  remote_version: string | null;
  remote_modified_at: string | null;
  updated_at: string;
}
export type RecordRow = Selectable<RecordTable>;

export interface ConflictTable {
  record_id: number;
  path: string;
  base: string | null;
  mine: string | null;
  theirs: string | null;
  detected_at: string;
}

export interface EditTable {
  id: Generated<number>;
  record_id: number;
  path: string;
  old: string | null;
  new: string | null;
  group_id: string;
  undone: Generated<number>;
  created_at: string;
}

/** The kysely view of the schema built by ./migrations, table by table. */
import type { ConnectionTable } from './tables/connection';
import type { ConflictTable, EditTable, RecordTable } from './tables/record';
import type { EditGroupTable, OutboxTable } from './tables/outbox';
import type { SyncCursorTable } from './tables/sync-cursor';
import type {
  ActivityTable,
  ImportJobTable,
  SettingTable,
  ValidationIssueTable,
  ValidationRunTable,
} from './tables/jobs';

export interface DB {
  connection: ConnectionTable;
  record: RecordTable;
  conflict: ConflictTable;
  edit: EditTable;
  outbox: OutboxTable;
  undo_group: EditGroupTable;
  sync_cursor: SyncCursorTable;
  import_job: ImportJobTable;
  validation_run: ValidationRunTable;
  validation_issue: ValidationIssueTable;
  activity: ActivityTable;
  setting: SettingTable;
}

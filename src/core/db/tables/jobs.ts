import type { Generated } from 'kysely';
import type { ConnectionKind, ImportJob } from '../../../shared/domain';

export interface ImportJobTable {
  id: Generated<number>;
  connection_id: string;
  system: ConnectionKind;
  remote_id: string | null;
  file_name: string;
  stage: string;
  status: ImportJob['status'];
  percent: number | null;
  message: string | null;
  details: Generated<string>;
  created_at: string;
  last_progress_at: string;
  next_poll_at: string | null;
  finished_at: string | null;
}

export interface ValidationRunTable {
  id: Generated<number>;
  file_name: string;
  template: string;
  connection_id: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  rows: Generated<number>;
  errors: Generated<number>;
  warnings: Generated<number>;
  infos: Generated<number>;
  report: Generated<string>;
  created_at: string;
  finished_at: string | null;
}

export interface ValidationIssueTable {
  id: Generated<number>;
  run_id: number;
  row: number | null;
  col: string | null;
  value: string | null;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface ActivityTable {
  id: Generated<number>;
  kind: 'sync' | 'push' | 'import' | 'validation' | 'system';
  connection_id: string | null;
  title: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  done: Generated<number>;
  total: number | null;
  message: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

import type { Migration } from '../migrate';

/** Remote import jobs, validation runs with their issues, and the activity log. */
export const m002Jobs: Migration = {
  version: 2,
  name: 'jobs',
  sql: `
CREATE TABLE import_job (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  system TEXT NOT NULL CHECK (system IN ('wexbo', 'etim', 'wizart', 'broadleaf', 'printxpand')),
  remote_id TEXT,
  file_name TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'warning', 'failed', 'stuck', 'cancelled')),
  percent REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
  message TEXT,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  created_at TEXT NOT NULL,
  last_progress_at TEXT NOT NULL,
  next_poll_at TEXT,
  finished_at TEXT
) STRICT;
CREATE INDEX import_job_open ON import_job (status, next_poll_at);

CREATE TABLE validation_run (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  template TEXT NOT NULL,
  connection_id TEXT REFERENCES connection (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  rows INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  infos INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report)),
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;

CREATE TABLE validation_issue (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES validation_run (id) ON DELETE CASCADE,
  row INTEGER,
  col TEXT,
  value TEXT,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message TEXT NOT NULL
) STRICT;
CREATE INDEX validation_issue_run ON validation_issue (run_id, row);

CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sync', 'push', 'import', 'validation', 'system')),
  connection_id TEXT REFERENCES connection (id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  message TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX activity_recent ON activity (started_at DESC);
`,
};

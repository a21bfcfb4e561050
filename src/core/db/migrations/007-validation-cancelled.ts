import type { Migration } from '../migrate';

/**
 * A cancelled validation was stored as failed: `validation_run.status` had no 'cancelled', and the
 * import history said "did not finish" for a run the person stopped. SQLite cannot change a CHECK in
 * place, so both tables are rebuilt (https://www.sqlite.org/lang_altertable.html, "other kinds of
 * table schema changes"). Foreign keys stay on inside a migration's transaction, and dropping
 * `validation_run` would cascade to its issues, so the issues move to a new table first, which
 * references the new runs table; the renames then carry that reference over to the final names.
 */
export const m007ValidationCancelled: Migration = {
  version: 7,
  name: 'validation-cancelled',
  sql: `
CREATE TABLE validation_run_new (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  template TEXT NOT NULL,
  connection_id TEXT REFERENCES connection (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  rows INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  infos INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report)),
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
INSERT INTO validation_run_new SELECT * FROM validation_run;

CREATE TABLE validation_issue_new (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES validation_run_new (id) ON DELETE CASCADE,
  row INTEGER,
  col TEXT,
  value TEXT,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message TEXT NOT NULL
) STRICT;
INSERT INTO validation_issue_new SELECT * FROM validation_issue;

DROP TABLE validation_issue;
DROP TABLE validation_run;
ALTER TABLE validation_run_new RENAME TO validation_run;
ALTER TABLE validation_issue_new RENAME TO validation_issue;
CREATE INDEX validation_issue_run ON validation_issue (run_id, row);
`,
};

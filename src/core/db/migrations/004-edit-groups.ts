import type { Migration } from '../migrate';

/**
 * Undo/redo needs to know which edit groups were undone and which can no longer be redone (a new
 * edit after an undo discards the redo stack), without rewriting the append-only `edit` journal.
 * `outbox.revision` counts local changes, so a push that sent revision n knows whether the record
 * changed again while the request was in flight.
 */
export const m004EditGroups: Migration = {
  version: 4,
  name: 'edit-groups',
  sql: `
CREATE TABLE undo_group (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  connection_id TEXT REFERENCES connection (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undone_at TEXT,
  discarded INTEGER NOT NULL DEFAULT 0 CHECK (discarded IN (0, 1))
) STRICT;
CREATE INDEX undo_group_stack ON undo_group (discarded, undone_at, seq);

ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sent_revision INTEGER;
`,
};

import type { Migration } from '../migrate';

/**
 * The mirror: connections, one row per remote record with base/local documents, field conflicts,
 * the append-only edit journal, the coalesced outbox and resumable sync cursors (DESIGN.md, data model).
 */
export const m001Mirror: Migration = {
  version: 1,
  name: 'mirror',
  sql: `
CREATE TABLE connection (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('wexbo', 'etim', 'wizart', 'broadleaf', 'printxpand')),
  base_url TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  status TEXT NOT NULL DEFAULT 'unknown'
    CHECK (status IN ('unknown', 'online', 'offline', 'error', 'stopped', 'paused')),
  last_sync_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE record (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  remote_id TEXT,
  base TEXT CHECK (base IS NULL OR json_valid(base)),
  local TEXT CHECK (local IS NULL OR json_valid(local)),
  state TEXT NOT NULL DEFAULT 'clean'
    CHECK (state IN ('clean', 'dirty', 'conflict', 'new', 'deleted-local', 'deleted-remote')),
  remote_version TEXT,
  remote_modified_at TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX record_remote ON record (connection_id, entity, remote_id) WHERE remote_id IS NOT NULL;
CREATE INDEX record_state ON record (connection_id, entity, state) WHERE state <> 'clean';

CREATE TABLE conflict (
  record_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  base TEXT CHECK (base IS NULL OR json_valid(base)),
  mine TEXT CHECK (mine IS NULL OR json_valid(mine)),
  theirs TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
  detected_at TEXT NOT NULL,
  PRIMARY KEY (record_id, path)
) STRICT;

CREATE TABLE edit (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  old TEXT CHECK (old IS NULL OR json_valid(old)),
  new TEXT CHECK (new IS NULL OR json_valid(new)),
  group_id TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX edit_record ON edit (record_id, id);
CREATE INDEX edit_group ON edit (group_id);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL UNIQUE REFERENCES record (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  client_op_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sending', 'sent', 'retrying', 'rejected', 'paused', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  batch_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox (connection_id, state, next_attempt_at);

CREATE TABLE sync_cursor (
  connection_id TEXT NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  position TEXT CHECK (position IS NULL OR json_valid(position)),
  high_water TEXT,
  run_state TEXT NOT NULL DEFAULT 'idle' CHECK (run_state IN ('idle', 'running', 'interrupted', 'failed')),
  run_started_at TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  last_completed_at TEXT,
  last_error TEXT,
  PRIMARY KEY (connection_id, entity)
) STRICT;
`,
};

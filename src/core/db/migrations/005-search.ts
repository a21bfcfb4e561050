import type { Migration } from '../migrate';

/**
 * Full-text search over the mirror (issue 7). Maintaining an FTS index in triggers on `record`
 * halved sync ingest (tokenizing every document inside the pull's transaction), so the triggers only
 * note which records changed (`search_dirty`, an integer primary key: one small b-tree insert) and
 * core indexes them in the background in small batches (src/core/catalog/search-index.ts). The
 * index is contentless (the documents live in `record`) with contentless_delete, so a changed
 * record's old entry is removed by rowid. Search reads the index for indexed records and falls back
 * to a LIKE scan over the records still waiting in `search_dirty`, so results are never stale.
 * The triggers insert with NOT EXISTS rather than OR IGNORE: inside a trigger fired by an UPSERT
 * (the sync's ingest) the outer statement's conflict policy wins and OR IGNORE would abort.
 */
export const m005Search: Migration = {
  version: 5,
  name: 'search',
  sql: `
CREATE VIRTUAL TABLE record_search USING fts5(
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE search_dirty (record_id INTEGER PRIMARY KEY) STRICT;
INSERT INTO search_dirty (record_id) SELECT id FROM record;
CREATE TRIGGER record_search_insert AFTER INSERT ON record BEGIN
  INSERT INTO search_dirty (record_id) SELECT new.id
    WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE record_id = new.id);
END;
CREATE TRIGGER record_search_update AFTER UPDATE OF base, local, remote_id ON record BEGIN
  INSERT INTO search_dirty (record_id) SELECT new.id
    WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE record_id = new.id);
END;
CREATE TRIGGER record_search_delete AFTER DELETE ON record BEGIN
  DELETE FROM record_search WHERE rowid = old.id;
  DELETE FROM search_dirty WHERE record_id = old.id;
END;
`,
};

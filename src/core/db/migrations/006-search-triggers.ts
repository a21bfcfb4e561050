import type { Migration } from '../migrate';

/**
 * The search triggers of migration 005 marked a changed record with
 * `INSERT … SELECT new.id WHERE NOT EXISTS (…)`. Run once per row, that form cost ~1.3 µs a record:
 * 140 ms of a 100,000-row set field (320 ms for the UPDATE without it). An UPSERT with DO NOTHING does
 * the same in ~0.2 µs. It also holds inside a trigger fired by an UPSERT (the sync's ingest): an
 * UPSERT clause decides the conflict of the key it names, where a plain OR IGNORE is overridden by
 * the outer statement's policy (test/unit/migrations.test.ts checks both).
 */
export const m006SearchTriggers: Migration = {
  version: 6,
  name: 'search-triggers',
  sql: `
DROP TRIGGER record_search_insert;
DROP TRIGGER record_search_update;
CREATE TRIGGER record_search_insert AFTER INSERT ON record BEGIN
  INSERT INTO search_dirty (record_id) VALUES (new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER record_search_update AFTER UPDATE OF base, local, remote_id ON record BEGIN
  INSERT INTO search_dirty (record_id) VALUES (new.id) ON CONFLICT DO NOTHING;
END;
`,
};

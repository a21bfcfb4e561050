import type { Migration } from '../migrate';

/** User settings as JSON values by key; secrets never live here (see ARCHITECTURE.md, secrets). */
export const m003Settings: Migration = {
  version: 3,
  name: 'settings',
  sql: `
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT;
`,
};

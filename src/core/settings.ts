import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS, Settings } from '../shared/domain';
import type { DB } from './db/schema';

/** Settings are stored key by key so a newer app can add keys without a migration. */
export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  // A stored value an older or newer version wrote wrongly falls back to its default, key by key.
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const candidate = { ...DEFAULT_SETTINGS, [key]: stored[key] };
    if (key in stored && Settings.safeParse(candidate).success) merged[key] = stored[key];
  }
  return Settings.parse(merged);
}

export async function updateSettings(
  db: Kysely<DB>,
  patch: Partial<Settings>,
  now: () => Date,
): Promise<Settings> {
  const next = Settings.parse({ ...(await getSettings(db)), ...patch });
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      await trx
        .insertInto('setting')
        .values({ key, value: JSON.stringify(value), updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
        .execute();
    }
  });
  return next;
}

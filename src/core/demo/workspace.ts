/**
 * The demo workspace: on a first start (no connections yet) core starts the embedded demo PIM and
 * adds one connection per system, marked Demo and removable. Later starts restart the demo PIM on
 * its own data file and point the remaining demo connections at its new port. Removing every demo
 * connection dismisses the demo for good.
 */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ConnectionKind } from '../../shared/domain';
import type { DB } from '../db/schema';
import { startDemoPim } from '../demo-pim';
import type { DemoPim } from '../demo-pim';
import { createMemorySecretStore, connectionSecretKey } from '../secrets';
import type { SecretStore } from '../secrets';

export const DEMO_DISMISSED_KEY = 'demo.dismissed';
export const DEMO_PIM_FILE = 'demo-pim.sqlite';

export const DEMO_CONNECTIONS: readonly { id: string; name: string; kind: ConnectionKind }[] = [
  { id: 'demo-wexbo', name: 'Demo WEXBO shop', kind: 'wexbo' },
  { id: 'demo-etim', name: 'Demo ETIM mapper', kind: 'etim' },
  { id: 'demo-printxpand', name: 'Demo PrintXpand store', kind: 'printxpand' },
  { id: 'demo-wizart', name: 'Demo Wizart', kind: 'wizart' },
  { id: 'demo-broadleaf', name: 'Demo Broadleaf importer', kind: 'broadleaf' },
];

export interface DemoWorkspace {
  pim: DemoPim;
  /** The demo credentials, held in memory only: they change with every demo PIM data file. */
  secrets: SecretStore;
  close(): Promise<void>;
}

function demoCredentials(
  pim: DemoPim,
  kind: ConnectionKind,
): { settings: Record<string, string>; secrets: Record<string, string> } {
  const c = pim.credentials;
  switch (kind) {
    case 'wexbo':
      return { settings: {}, secrets: { token: c.wexbo.token } };
    case 'wizart':
      return { settings: {}, secrets: { token: c.wizart.token } };
    case 'etim':
      return { settings: { user: c.etim.user }, secrets: { password: c.etim.password } };
    case 'broadleaf':
      return { settings: { user: c.broadleaf.user }, secrets: { password: c.broadleaf.password } };
    case 'printxpand':
      return {
        settings: { consumerKey: c.printxpand.consumerKey, accessToken: c.printxpand.accessToken },
        secrets: { consumerSecret: c.printxpand.consumerSecret, accessSecret: c.printxpand.accessSecret },
      };
  }
}

export async function startDemoWorkspace(opts: {
  db: Kysely<DB>;
  dataDir: string;
  products?: number;
  now: () => Date;
  nativeBinding?: string;
}): Promise<DemoWorkspace | null> {
  const { db } = opts;
  const dismissed = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', DEMO_DISMISSED_KEY)
    .executeTakeFirst();
  if (dismissed && JSON.parse(dismissed.value) === true) return null;
  const existing = await db.selectFrom('connection').select(['id', 'demo']).execute();
  const demoIds = new Set(existing.filter((c) => c.demo === 1).map((c) => c.id));
  const firstRun = existing.length === 0;
  if (!firstRun && demoIds.size === 0) return null;

  const pim = await startDemoPim({
    dataFile: join(opts.dataDir, DEMO_PIM_FILE),
    products: opts.products ?? 2000,
  });
  const secrets = createMemorySecretStore();
  for (const def of DEMO_CONNECTIONS) {
    if (!firstRun && !demoIds.has(def.id)) continue;
    const { settings, secrets: values } = demoCredentials(pim, def.kind);
    for (const [field, value] of Object.entries(values))
      await secrets.set(connectionSecretKey(def.id, field), value);
    if (demoIds.has(def.id)) {
      await db
        .updateTable('connection')
        .set({ base_url: pim.urls[def.kind], settings: JSON.stringify(settings) })
        .where('id', '=', def.id)
        .execute();
    } else {
      await db
        .insertInto('connection')
        .values({
          id: def.id,
          name: def.name,
          kind: def.kind,
          base_url: pim.urls[def.kind],
          demo: 1,
          settings: JSON.stringify(settings),
          created_at: opts.now().toISOString(),
        })
        .execute();
    }
  }
  return { pim, secrets, close: () => pim.close() };
}

/** Called after a connection is removed: the last demo connection gone means the demo is dismissed. */
export async function dismissDemoIfEmpty(db: Kysely<DB>, now: () => Date): Promise<boolean> {
  const left = await db.selectFrom('connection').select('id').where('demo', '=', 1).executeTakeFirst();
  if (left) return false;
  const at = now().toISOString();
  await db
    .insertInto('setting')
    .values({ key: DEMO_DISMISSED_KEY, value: 'true', updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'true', updated_at: at }))
    .execute();
  return true;
}

/**
 * The crash harness's child (crash-harness.ts): opens the same data folder's mirror as the parent,
 * builds the connections' connectors the way the app does (connectors/registry.ts) against the demo
 * PIM the parent runs, pushes, and prints one JSON line per connection. The parent kills it with
 * SIGKILL at random points; nothing here prepares for that.
 *
 * Input: the environment variable STEWARD_CRASH_CHILD = JSON { dbPath, connectionIds, secrets }.
 */
import { openStore } from '../../../src/core/db/open';
import { createPushService } from '../../../src/core/push';
import { createMemorySecretStore } from '../../../src/core/secrets';

interface ChildInput {
  dbPath: string;
  connectionIds: string[];
  /** Secret store entries (`<connectionId>.<field>` → value): the demo's credentials. */
  secrets: Record<string, string>;
}

const input = JSON.parse(process.env.STEWARD_CRASH_CHILD ?? 'null') as ChildInput | null;
if (!input) {
  process.stderr.write('STEWARD_CRASH_CHILD is not set\n');
  process.exit(2);
}
const store = openStore(input.dbPath);
const push = createPushService({
  store,
  secrets: createMemorySecretStore(input.secrets),
  now: () => new Date(),
  log: (level, msg) => process.stderr.write(`${level}: ${msg}\n`),
});
process.stdout.write('ready\n');
for (const id of input.connectionIds) {
  const result = await push.run(id);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
await push.close();
await store.close();

/**
 * steward push | queue: send the queued edits to the remotes (or list exactly the requests that would
 * go, with --dry-run), and show the queue with each operation's state and the remote's reason for
 * every rejection. Exit 1 when anything was rejected or a push did not finish.
 */
import type { Core } from '../../core';
import { findConnection } from '../lookup';
import { defaultSecretStore } from '../../core';
import { createPushService } from '../../core/push';
import type { DryRunResult, PushProgress, PushRunResult, PushService } from '../../core/push';
import { createChainedSecretStore } from '../../core/secrets';
import type { OutboxItem } from '../../shared/domain';
import { createCaller } from '../../shared/rpc';
import type { Values } from '../args';
import { EXIT_FAILURE, EXIT_OK } from '../io';
import type { CliIo } from '../io';

/**
 * The CLI pushes with its own service over the core's store; credentials come from the same places as
 * the core's (environment variables, the encrypted file) plus the demo's when the core runs one.
 */
export function pushServiceFor(core: Core, io: CliIo, onProgress?: (p: PushProgress) => void): PushService {
  const stored = defaultSecretStore(core.dataDir, io.env);
  return createPushService({
    store: core.store,
    secrets: core.demo ? createChainedSecretStore([core.demo.secrets, stored], stored) : stored,
    env: io.env,
    now: () => new Date(),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** The named connections, or every one with something to send. */
async function targets(core: Core, positionals: string[]): Promise<string[]> {
  if (positionals.length > 0) return positionals;
  const call = createCaller(core.dispatch);
  const status = await call('app:getStatus', {});
  return status.connections.filter((c) => c.pending > 0).map((c) => c.id);
}

function printDryRun(io: CliIo, name: string, dry: DryRunResult): void {
  const ops = dry.operations;
  io.out(
    `${name}: ${dry.requests.length} request(s) for ${ops.update} update(s), ${ops.create} create(s), ${ops.delete} delete(s)` +
      (dry.conflicts ? `; ${dry.conflicts} record(s) wait for a conflict to be resolved` : ''),
  );
  for (const r of dry.requests) {
    io.out(`${r.method} ${r.url}  (${r.entity}, batch ${r.batch}, ${r.records} record(s))`);
    if (r.contentType) io.out(`Content-Type: ${r.contentType}`);
    if (r.body !== null) io.out(r.body);
    io.out('');
  }
}

function progressLine(p: PushProgress): string {
  const eta = p.etaSeconds === null ? '' : `, ${Math.ceil(p.etaSeconds)} s left`;
  return `${p.entity ?? ''}: ${p.done} of ${p.total} (${p.rate.toFixed(1)}/s${eta})${p.state === 'waiting' ? ', waiting to retry' : ''}`;
}

export async function pushCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const names = await targets(core, positionals);
  const live = io.isTTY && !values.json;
  const service = pushServiceFor(core, io, live ? (p) => io.err(`\r${progressLine(p)}   `) : undefined);
  if (names.length === 0) {
    io.out(values.json ? '[]' : 'Nothing to push.');
    return EXIT_OK;
  }
  if (values['dry-run']) {
    const all: DryRunResult[] = [];
    for (const name of names) {
      const dry = await service.dryRun(name);
      if (values.json) all.push(dry);
      else printDryRun(io, name, dry);
    }
    if (values.json) io.out(JSON.stringify(all, null, 2));
    return EXIT_OK;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const results: PushRunResult[] = [];
  try {
    for (const name of names) {
      const result = await service.run(name, { signal: controller.signal });
      results.push(result);
      if (live) io.err('\n');
      if (!values.json) io.out(result.message ?? `${name}: ${result.status}`);
    }
  } finally {
    process.off('SIGINT', onSigint);
    await service.close();
  }
  if (values.json) io.out(JSON.stringify(results, null, 2));
  return results.every((r) => r.status === 'succeeded' && r.rejected === 0) ? EXIT_OK : EXIT_FAILURE;
}

const ORDER: Record<OutboxItem['state'], number> = {
  rejected: 0,
  retrying: 1,
  paused: 2,
  sending: 3,
  queued: 4,
  cancelled: 5,
  sent: 6,
};

export async function queueCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const connectionId = positionals[0] ? (await findConnection(call, positionals[0])).id : undefined;
  const items = await call('changes:list', { ...(connectionId ? { connectionId } : {}), limit: 1000 });
  if (values.json) {
    io.out(JSON.stringify(items, null, 2));
    return EXIT_OK;
  }
  if (items.length === 0) {
    io.out('The queue is empty.');
    return EXIT_OK;
  }
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.state, (counts.get(i.state) ?? 0) + 1);
  io.out([...counts].map(([state, n]) => `${n} ${state}`).join(', '));
  for (const i of [...items].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.id - b.id)) {
    const who = i.remoteId ?? `#${i.recordId} (new)`;
    const next = i.nextAttemptAt ? `, next attempt ${i.nextAttemptAt}` : '';
    const tries = i.attempts ? `, ${i.attempts} attempt(s)` : '';
    io.out(`${i.state.padEnd(9)} ${i.op.padEnd(6)} ${i.connectionId} ${i.entity} ${who}${tries}${next}`);
    if (i.lastError) io.out(`          ${i.lastError}`);
  }
  return EXIT_OK;
}

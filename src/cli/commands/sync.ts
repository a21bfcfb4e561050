/** steward sync | conflicts | resolve */
import type { Core } from '../../core';
import type { SyncProgress } from '../../shared/domain';
import { createCaller } from '../../shared/rpc';
import { positional, str } from '../args';
import { findConnection, findRecord } from '../lookup';
import type { Values } from '../args';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import type { CliIo } from '../io';

function progressLine(p: SyncProgress): string {
  const total = p.total === null ? '' : ` of ${p.total}`;
  const eta = p.etaSeconds === null ? '' : `, ${Math.ceil(p.etaSeconds)} s left`;
  return `${p.entity}: ${p.done}${total} (${Math.round(p.rate)}/s${eta})`;
}

export async function syncCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const names = positionals.length > 0 ? positionals : (await call('connections:list', {})).map((c) => c.id);
  if (names.length === 0) {
    io.err('No connections to sync. Add one with `steward connect`.');
    return EXIT_FAILURE;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const off = core.onEvent((event, payload) => {
    if (event === 'sync:progress' && io.isTTY && !values.json)
      io.err(`\r${progressLine(payload as SyncProgress)}   `);
  });
  const results = [];
  try {
    for (const name of names) {
      const result = await core.sync.run(name, { full: values.full === true, signal: controller.signal });
      results.push(result);
      if (io.isTTY && !values.json) io.err('\n');
      if (!values.json) {
        const records = Object.values(result.entities).reduce((s, e) => s + e.records, 0);
        const conflicts = Object.values(result.entities).reduce((s, e) => s + e.conflicted, 0);
        io.out(
          result.status === 'succeeded'
            ? `${name}: synced ${records} records${conflicts ? `, ${conflicts} with conflicts (steward conflicts)` : ''}`
            : `${name}: ${result.status}. ${result.message ?? ''}`,
        );
      }
    }
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
  if (values.json) io.out(JSON.stringify(results, null, 2));
  return results.every((r) => r.status === 'succeeded') ? EXIT_OK : EXIT_FAILURE;
}

export async function conflictsCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const connectionId = positionals[0] ? (await findConnection(call, positionals[0])).id : undefined;
  const list = await call('conflicts:list', { connectionId, limit: 1000 });
  if (values.json) {
    io.out(JSON.stringify(list, null, 2));
    return EXIT_OK;
  }
  if (list.length === 0) io.out('No conflicts.');
  for (const c of list) {
    io.out(
      `${c.entity} ${c.remoteId}  ${c.path}: base ${JSON.stringify(c.base)}, mine ${JSON.stringify(c.mine)}, theirs ${JSON.stringify(c.theirs)}`,
    );
  }
  return EXIT_OK;
}

/** `--value` is JSON when it parses as JSON (numbers, true, {"a":1}), otherwise the plain text. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function resolveCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const chosen = (['mine', 'theirs', 'value'] as const).filter(
    (k) => values[k] !== undefined && values[k] !== false,
  );
  if (chosen.length !== 1) throw new UsageError('say exactly one of --mine, --theirs or --value V');
  const choice = chosen[0] as 'mine' | 'theirs' | 'value';
  const conn = await findConnection(call, positional(positionals, 0, 'connection'));
  const record = await findRecord(
    call,
    conn.id,
    positional(positionals, 1, 'entity'),
    positional(positionals, 2, 'id'),
  );
  const path = positional(positionals, 3, 'path');
  const value = choice === 'value' ? parseValue(str(values, 'value') ?? '') : undefined;
  const result = await call('conflicts:resolve', {
    recordId: record.recordId,
    path,
    choice,
    ...(choice === 'value' ? { value } : {}),
  });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else
    io.out(
      `Resolved ${path} with ${choice}; record is now ${result.state}${result.remaining ? `, ${result.remaining} conflicts left` : ''}.`,
    );
  return EXIT_OK;
}

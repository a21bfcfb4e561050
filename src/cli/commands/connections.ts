/** steward connect | connections | status | show */
import type { Core } from '../../core';
import { connectorDefinitions } from '../../core/connectors/registry';
import { ConnectionKind } from '../../shared/domain';
import { createCaller } from '../../shared/rpc';
import { keyValues, positional, required, str } from '../args';
import { findConnection, findRecord } from '../lookup';
import type { Values } from '../args';
import { EXIT_OK, UsageError } from '../io';
import type { CliIo } from '../io';

/** Which flags carry which credential, per auth kind (the secret itself always comes from env). */
function credentialSettings(kind: ConnectionKind, values: Values, io: CliIo): Record<string, string> {
  const auth = connectorDefinitions[kind].capabilities.auth;
  const settings: Record<string, string> = {};
  const envRef = (flag: string, field: string) => {
    const name = required(
      values,
      flag,
      `for a ${kind} connection (the name of the environment variable holding the ${field})`,
    );
    if (!io.env[name]) io.err(`warning: ${name} is not set now; set it before syncing.`);
    settings[`${field}Env`] = name;
  };
  if (auth === 'bearer') {
    envRef('token-env', 'token');
    const type = str(values, 'token-type');
    if (type) settings.tokenType = type;
  } else if (auth === 'basic') {
    settings.user = required(values, 'user', `for a ${kind} connection`);
    envRef('password-env', 'password');
  } else {
    settings.consumerKey = required(values, 'consumer-key', 'for a PrintXpand connection');
    settings.accessToken = required(values, 'access-token', 'for a PrintXpand connection');
    envRef('consumer-secret-env', 'consumerSecret');
    envRef('access-secret-env', 'accessSecret');
  }
  return settings;
}

export async function connectCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const name = positional(positionals, 0, 'name');
  const kindRaw = required(values, 'kind', '(wexbo, etim, wizart, broadleaf or printxpand)');
  const kind = ConnectionKind.safeParse(kindRaw);
  if (!kind.success)
    throw new UsageError(`--kind must be one of ${ConnectionKind.options.join(', ')}, got "${kindRaw}"`);
  const url = required(values, 'url', '(the API base address)');
  const settings = { ...keyValues(values, 'setting'), ...credentialSettings(kind.data, values, io) };
  const conn = await createCaller(core.dispatch)('connections:create', {
    name,
    kind: kind.data,
    baseUrl: url,
    settings,
  });
  if (values.json) io.out(JSON.stringify(conn, null, 2));
  else
    io.out(
      `Added ${conn.name} (${conn.kind}, ${conn.baseUrl}). Next: steward sync ${JSON.stringify(conn.name)}`,
    );
  return EXIT_OK;
}

export async function connectionsCommand(core: Core, io: CliIo, values: Values): Promise<number> {
  const list = await createCaller(core.dispatch)('connections:list', {});
  if (values.json) {
    io.out(JSON.stringify(list, null, 2));
    return EXIT_OK;
  }
  if (list.length === 0)
    io.out('No connections. Add one with `steward connect NAME --kind KIND --url URL …`.');
  for (const c of list) {
    io.out(
      `${c.name}${c.demo ? ' (demo)' : ''}  ${c.kind}  ${c.baseUrl}  ${c.status}  last sync: ${c.lastSyncAt ?? 'never'}`,
    );
    if (c.lastError) io.out(`    ${c.lastError}`);
  }
  return EXIT_OK;
}

export async function statusCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const names = positionals.length > 0 ? positionals : (await call('connections:list', {})).map((c) => c.id);
  const details = [];
  for (const name of names) details.push(await call('connections:getDetail', { connectionId: name }));
  if (values.json) {
    io.out(JSON.stringify(details, null, 2));
    return EXIT_OK;
  }
  if (details.length === 0) io.out('No connections.');
  for (const d of details) {
    const c = d.connection;
    io.out(
      `${c.name}  ${c.kind}  ${c.status}  last sync: ${c.lastSyncAt ?? 'never'}${d.syncing ? '  (syncing)' : ''}`,
    );
    if (c.lastError) io.out(`  error: ${c.lastError}`);
    for (const e of d.entities) {
      io.out(
        `  ${e.entity}: ${e.records} records, ${e.dirty} edited, ${e.conflicts} in conflict, ${e.deletedRemote} deleted remotely`,
      );
    }
    const outbox = Object.entries(d.outbox)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ');
    io.out(`  outbox: ${outbox || 'empty'}`);
    for (const cur of d.cursors) {
      io.out(
        `  cursor ${cur.entity}: ${cur.runState}, since ${cur.highWater ?? '(full read next)'}${cur.lastError ? `, last error: ${cur.lastError}` : ''}`,
      );
    }
  }
  return EXIT_OK;
}

export async function showCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const conn = await findConnection(call, positional(positionals, 0, 'connection'));
  const record = await findRecord(
    call,
    conn.id,
    positional(positionals, 1, 'entity'),
    positional(positionals, 2, 'id'),
  );
  if (values.json) {
    io.out(JSON.stringify(record, null, 2));
    return EXIT_OK;
  }
  io.out(`${record.entity} ${record.remoteId} in ${conn.name}: ${record.state} (record #${record.recordId})`);
  io.out(`base:  ${JSON.stringify(record.base)}`);
  io.out(`local: ${record.local === null ? '(no local edits)' : JSON.stringify(record.local)}`);
  for (const c of record.conflicts) {
    io.out(
      `conflict ${c.path}: base ${JSON.stringify(c.base)}, mine ${JSON.stringify(c.mine)}, theirs ${JSON.stringify(c.theirs)}`,
    );
  }
  return EXIT_OK;
}

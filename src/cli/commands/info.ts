import type { Core } from '../../core';
import type { CliIo } from '../io';
import { EXIT_OK } from '../io';
import { createCaller } from '../../shared/rpc';

export async function infoCommand(core: Core, io: CliIo, opts: { json: boolean }): Promise<number> {
  const call = createCaller(core.dispatch);
  const info = await call('app:getInfo', {});
  const connections = await call('connections:list', {});
  if (opts.json) {
    io.out(JSON.stringify({ ...info, connections }, null, 2));
    return EXIT_OK;
  }
  io.out(`${info.appName} ${info.appVersion}`);
  io.out(`Data folder:    ${info.dataDir}`);
  io.out(`Database:       ${info.databasePath}`);
  io.out(`Schema version: ${info.schemaVersion} (latest ${info.latestSchemaVersion})`);
  if (connections.length === 0) {
    io.out('Connections:    none (add one with `steward connect`)');
  } else {
    io.out(`Connections:    ${connections.length}`);
    for (const c of connections) {
      io.out(`  ${c.name}  ${c.kind}  ${c.baseUrl}${c.demo ? '  (demo)' : ''}  ${c.status}`);
    }
  }
  return EXIT_OK;
}

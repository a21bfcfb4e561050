/**
 * Entry of the core host: an Electron `utilityProcess` that owns core (and so SQLite), keeping every
 * query off the main process's UI thread. Speaks wire frames over `process.parentPort`.
 */
import { createCore } from '../core/index';
import { parseHostArgs, runCoreHost } from './core-host-runtime';
import type { Log } from './ipc';

const log: Log = (level, msg, data) => {
  const line = `[core] ${msg}`;
  if (data === undefined) console[level](line);
  else console[level](line, data);
};

const options = parseHostArgs(process.argv);

runCoreHost({
  port: process.parentPort,
  start: () =>
    createCore({
      dataDir: options.dataDir,
      demo: true,
      log,
      ...(options.appVersion ? { appVersion: options.appVersion } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    }),
  exit: (code) => process.exit(code),
  log,
});

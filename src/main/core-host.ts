/**
 * Entry of the core host: an Electron `utilityProcess` that owns core (and so SQLite), keeping every
 * query off the main process's UI thread. Speaks wire frames over `process.parentPort`, and asks main
 * for what only main has: safeStorage-encrypted secrets and the paths behind file tokens.
 */
import { createCore } from '../core/index';
import type { CoreOptions } from '../core/index';
import { parseHostArgs, runCoreHost } from './core-host-runtime';
import { remoteFileTokens, remoteSecretStore } from './host-services';
import type { FileTokenResolver } from './host-services';
import type { Log } from './ipc';

const log: Log = (level, msg, data) => {
  const line = `[core] ${msg}`;
  if (data === undefined) console[level](line);
  else console[level](line, data);
};

const options = parseHostArgs(process.argv);

/**
 * `fileTokens` is how core turns a `fileToken` from the renderer into a path; core reads it once
 * CoreOptions declares it (see docs/electron-shell.md, "Contract additions"). Typed as a wider
 * object so this compiles before and after that change.
 */
type HostCoreOptions = CoreOptions & { fileTokens?: FileTokenResolver };

runCoreHost({
  port: process.parentPort,
  start: (services) => {
    const coreOptions: HostCoreOptions = {
      dataDir: options.dataDir,
      demo: true,
      log,
      // Credentials live in main's safeStorage store, never in the utility process's files.
      secrets: remoteSecretStore(services),
      fileTokens: remoteFileTokens(services),
      ...(options.appVersion ? { appVersion: options.appVersion } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    };
    return createCore(coreOptions);
  },
  exit: (code) => process.exit(code),
  log,
});

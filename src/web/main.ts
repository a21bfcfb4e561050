/**
 * `npm run web`: the web shell. Runs core in this process and serves the renderer on 127.0.0.1.
 * Flags: --port N (default: ephemeral), --data-dir DIR (default: the desktop app's data folder).
 */
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCore } from '../core';
import { defaultDataDir } from '../shared/data-dir';
import { startWebHost } from './host';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, got ${values.port}`);
    process.exit(2);
  }
  if (!existsSync(`${rendererDir}/index.html`)) {
    console.error('The renderer is not built. Run `npm run build:renderer` (npm run web does it for you).');
    process.exit(1);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir(process.platform, process.env, homedir());
  const core = await createCore({
    dataDir,
    demo: true,
    log: (level, msg) => {
      if (level !== 'debug') console.error(`[core] ${level}: ${msg}`);
    },
  });
  const host = await startWebHost({ core, rendererDir, port });
  console.log(`PIM Steward (web shell) is running.`);
  console.log(`Data folder: ${dataDir}`);
  console.log(`Open: ${host.url}`);
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

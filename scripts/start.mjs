#!/usr/bin/env node
/**
 * `npm start` (and `npm run dev` with --dev): the desktop app when the Electron binary is present,
 * otherwise the web shell, saying so. The Electron package (42+) downloads its binary on first use;
 * where that download is impossible (no network), we fall back instead of failing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const installed = () =>
    existsSync(pathFile) && existsSync(join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()));
  if (installed()) return true;
  if (process.env.STEWARD_NO_ELECTRON_DOWNLOAD === '1') return false;
  const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return r.status === 0 && installed();
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (electronBinary()) {
  // Core runs on Electron's Node ABI: build better-sqlite3 for it beside Node's copy, never over it.
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'rebuild-electron-sqlite.mjs')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('Could not build better-sqlite3 for Electron; starting the web shell instead.');
    startWeb();
  } else {
    run(npm, ['exec', '--', 'electron-vite', dev ? 'dev' : 'preview']);
  }
} else {
  console.log(
    'The Electron binary is not available on this machine (it could not be downloaded), so PIM Steward starts\n' +
      'its web shell instead: the same app in your browser, served on 127.0.0.1 only.',
  );
  startWeb();
}

function startWeb() {
  const build = spawnSync(npm, ['run', '--silent', 'build:renderer'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error('Building the renderer failed (see above).');
    process.exit(1);
  }
  run(npm, ['exec', '--', 'tsx', 'src/web/main.ts', ...process.argv.slice(2).filter((a) => a !== '--dev')]);
}

#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the installed Electron's ABI into resources/native/electron/, leaving
 * node_modules/better-sqlite3 built for Node so `npm test` keeps working. Core receives the path
 * through CoreOptions.nativeBinding (better-sqlite3's `nativeBinding` option). Needs network access
 * for Electron's headers the first time.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const outDir = join(root, 'resources', 'native', 'electron');
const stamp = join(outDir, `electron-${electronVersion}-${process.platform}-${process.arch}.stamp`);
if (existsSync(stamp) && existsSync(join(outDir, 'better_sqlite3.node'))) process.exit(0);

let nodeGyp;
try {
  nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
} catch {
  nodeGyp = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
}
const work = mkdtempSync(join(tmpdir(), 'steward-sqlite-electron-'));
try {
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (p) => !p.includes(`${join('build', '')}`),
  });
  const r = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  copyFileSync(join(work, 'package.json'), stamp);
  console.log(`better-sqlite3 built for Electron ${electronVersion} in ${outDir}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

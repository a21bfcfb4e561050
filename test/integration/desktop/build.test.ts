/**
 * The desktop build as `npm run build` makes it (electron-vite), into a temporary folder: every
 * piece is where main loads it from, and the bundled validation worker starts and answers in Node
 * (core runs it from `./validation-worker.js` next to the core host). Electron itself cannot run
 * here; this catches what only the bundling can break (electron-vite once cut a string of ours
 * that read like an import in two, and the worker entry was missing from the build).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

describe('the desktop build', () => {
  // A copy of the sources in a temporary folder (node_modules linked), so the build's out/ is its own.
  const dir = mkdtempSync(join(tmpdir(), 'steward-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles main, core host, validation worker, preload and renderer, and the worker runs', async () => {
    for (const entry of [
      'src',
      'electron.vite.config.ts',
      'vite.renderer.config.ts',
      'package.json',
      'tsconfig.json',
      'tsconfig.base.json',
      'tsconfig.node.json',
      'tsconfig.web.json',
    ])
      cpSync(join(root, entry), join(dir, entry), { recursive: true });
    spawnSync('ln', ['-s', join(root, 'node_modules'), join(dir, 'node_modules')]);
    const built = spawnSync(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
    for (const file of [
      'out/main/index.js',
      'out/main/core-host.js',
      'out/main/validation-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(readFileSync(join(dir, 'out/main/core-host.js'), 'utf8')).toContain('./validation-worker.js');

    const worker = new Worker(join(dir, 'out/main/validation-worker.js'));
    try {
      const answer = await new Promise((resolveAnswer, reject) => {
        worker.once('message', resolveAnswer);
        worker.once('error', reject);
        worker.postMessage({ type: 'texts', requests: [] });
      });
      expect(answer).toEqual({ type: 'texts', texts: [] });
    } finally {
      await worker.terminate();
    }
  }, 240_000);
});

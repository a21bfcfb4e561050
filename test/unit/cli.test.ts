import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { defaultDataDir } from '../../src/shared/data-dir';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrate';

function io(env: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), env, isTTY: false, stdout, stderr };
}

describe('steward CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints info for a data folder', async () => {
    const out = io();
    expect(await runCli(['--data-dir', dir, 'info'], out)).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toContain(`Data folder:    ${dir}`);
    expect(text).toContain(`Schema version: ${LATEST_SCHEMA_VERSION}`);
    expect(text).toContain('Connections:    none');
  });

  it('prints info as JSON', async () => {
    const out = io();
    expect(await runCli(['info', '--json', '--data-dir', dir], out)).toBe(0);
    const info = JSON.parse(out.stdout.join('')) as Record<string, unknown>;
    expect(info).toMatchObject({ dataDir: dir, schemaVersion: LATEST_SCHEMA_VERSION, connections: [] });
  });

  it('takes the data folder from STEWARD_DATA_DIR', async () => {
    const out = io({ STEWARD_DATA_DIR: join(dir, 'from-env') });
    expect(await runCli(['info', '--json'], out)).toBe(0);
    expect(JSON.parse(out.stdout.join(''))).toMatchObject({ dataDir: join(dir, 'from-env') });
  });

  it.each([[['bogus']], [['info', '--nope']], [['--data-dir']], [[]]])(
    'exits 2 on a usage error: %j',
    async (argv) => {
      const out = io();
      expect(await runCli([...argv], out)).toBe(2);
      expect(out.stderr.join('')).not.toBe('');
    },
  );

  it('prints help and exits 0', async () => {
    const out = io();
    expect(await runCli(['--help'], out)).toBe(0);
    expect(out.stdout.join('')).toContain('Usage: steward');
  });

  it('exits 1 when the data folder cannot be used', async () => {
    const out = io();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(await runCli(['--data-dir', join(file, 'data'), 'info'], out)).toBe(1);
    expect(out.stderr.join('')).toMatch(/Cannot create the data folder/);
  });

  it('runs as the installed bin with the right exit codes', () => {
    const bin = join(import.meta.dirname, '../../bin/steward.mjs');
    const text = execFileSync(process.execPath, [bin, '--data-dir', dir, 'info'], { encoding: 'utf8' });
    expect(text).toContain('PIM Steward');
    const bad = spawnSync(process.execPath, [bin, 'bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown command "bogus"');
  });
});

describe('default data folder (the desktop app userData)', () => {
  it.each([
    [
      'win32',
      { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' },
      'C:\\Users\\a',
      'C:\\Users\\a\\AppData\\Roaming\\PIM Steward',
    ],
    ['darwin', {}, '/Users/a', '/Users/a/Library/Application Support/PIM Steward'],
    ['linux', {}, '/home/a', '/home/a/.config/PIM Steward'],
    ['linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/a', '/x/cfg/PIM Steward'],
    ['linux', { XDG_CONFIG_HOME: 'relative' }, '/home/a', '/home/a/.config/PIM Steward'],
    ['darwin', { STEWARD_DATA_DIR: '/data/s' }, '/Users/a', '/data/s'],
  ])('%s %j', (platform, env, home, expected) => {
    expect(defaultDataDir(platform, env, home)).toBe(expected);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRotatingLog,
  formatLogLine,
  lineSplitter,
  logDir,
  rotatedName,
  rotationPlan,
} from '../../../src/main/log-file';
import type { LogFs } from '../../../src/main/log-file';
import { tempDir } from './fakes';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('log lines', () => {
  it('are one line each, with time, level, source and data', () => {
    const line = formatLogLine(new Date('2025-01-02T03:04:05.000Z'), 'warn', 'main', 'blocked\nnavigation', {
      url: 'https://x.example',
    });
    expect(line).toBe(
      '2025-01-02T03:04:05.000Z WARN  [main] blocked\\nnavigation {"url":"https://x.example"}\n',
    );
    expect(formatLogLine(new Date(0), 'error', 'core', 'x', new Error('boom'))).toContain('Error: boom');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(formatLogLine(new Date(0), 'info', 'main', 'x', circular)).toContain('[object Object]');
    expect(formatLogLine(new Date(0), 'info', 'main', 'x', 'y'.repeat(5000)).length).toBeLessThan(2100);
  });

  it('split stream chunks into whole lines', () => {
    const lines: string[] = [];
    const split = lineSplitter((l) => lines.push(l));
    split.push('[core] a\n[core] b');
    split.push('c\r\n\n[core] d');
    expect(lines).toEqual(['[core] a', '[core] bc']);
    split.flush();
    expect(lines).toEqual(['[core] a', '[core] bc', '[core] d']);
  });
});

describe('rotation', () => {
  it('names and plans rotations oldest first', () => {
    expect(rotatedName('/l/main.log', 0)).toBe('/l/main.log');
    expect(rotatedName('/l/main.log', 2)).toBe('/l/main.2.log');
    expect(rotationPlan('/l/main.log', 3)).toEqual({
      remove: '/l/main.3.log',
      renames: [
        ['/l/main.2.log', '/l/main.3.log'],
        ['/l/main.1.log', '/l/main.2.log'],
        ['/l/main.log', '/l/main.1.log'],
      ],
    });
    expect(logDir('/data')).toBe(join('/data', 'logs'));
  });

  it('rotates on disk when the file passes its size, keeping a bounded number of files', () => {
    const dir = tempDir('steward-logs-');
    cleanups.push(() => dir.remove());
    const logs = join(dir.path, 'logs');
    const log = createRotatingLog({ dir: logs, maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i += 1) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}\n`);
    expect(readdirSync(logs).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(readFileSync(log.path, 'utf8')).toContain('line 19');
    expect(readFileSync(join(logs, 'main.2.log'), 'utf8')).not.toContain('line 19');
    for (const name of readdirSync(logs))
      expect(readFileSync(join(logs, name)).length).toBeLessThanOrEqual(100);
  });

  it('picks up the size of an existing log after a restart', () => {
    const dir = tempDir('steward-logs-');
    cleanups.push(() => dir.remove());
    createRotatingLog({ dir: dir.path, maxBytes: 60 }).write(`${'a'.repeat(50)}\n`);
    createRotatingLog({ dir: dir.path, maxBytes: 60 }).write(`${'b'.repeat(20)}\n`);
    expect(existsSync(join(dir.path, 'main.1.log'))).toBe(true);
  });

  it('never throws when the disk fails, and reports the failure once', () => {
    const errors: unknown[] = [];
    const failing: LogFs = {
      append: () => {
        throw new Error('ENOSPC');
      },
      size: () => 0,
      rename: () => undefined,
      remove: () => undefined,
      mkdir: () => undefined,
    };
    const log = createRotatingLog({ dir: '/nowhere', fs: failing, onError: (e) => errors.push(e) });
    expect(() => {
      log.write('a\n');
      log.write('b\n');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});

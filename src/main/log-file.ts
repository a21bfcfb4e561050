/**
 * Logs with rotation: `<dataDir>/logs/main.log` (main and the core host's output), rotated to
 * `main.1.log` … `main.<keep>.log` when it passes `maxBytes`, so logs never fill the disk. Writing a
 * log line never throws: a full disk must not take the app down with it.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_DIR = 'logs';
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP = 5;
const MAX_DATA_CHARS = 2000;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function logDir(dataDir: string): string {
  return join(dataDir, LOG_DIR);
}

/** `main.log` → `main.2.log`. */
export function rotatedName(file: string, index: number): string {
  return index === 0 ? file : file.replace(/(\.log)?$/, `.${index}.log`);
}

/** The renames of one rotation, oldest first, so no file is overwritten before it moved. */
export function rotationPlan(
  file: string,
  keep: number,
): { remove: string; renames: Array<[string, string]> } {
  const renames: Array<[string, string]> = [];
  for (let i = keep - 1; i >= 0; i -= 1) renames.push([rotatedName(file, i), rotatedName(file, i + 1)]);
  return { remove: rotatedName(file, keep), renames };
}

function stringify(data: unknown): string {
  if (data === undefined) return '';
  let text: string;
  try {
    text = data instanceof Error ? `${data.name}: ${data.message}` : JSON.stringify(data);
  } catch {
    text = String(data);
  }
  return ` ${text.length > MAX_DATA_CHARS ? `${text.slice(0, MAX_DATA_CHARS)}…` : text}`;
}

/** One line: time, level, source, message and data; line breaks escaped so one entry is one line. */
export function formatLogLine(
  time: Date,
  level: LogLevel,
  source: string,
  msg: string,
  data?: unknown,
): string {
  const text = `${msg}${stringify(data)}`.replace(/\r?\n/g, '\\n');
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} [${source}] ${text}\n`;
}

export interface LogFs {
  append(path: string, text: string): void;
  size(path: string): number;
  rename(from: string, to: string): void;
  remove(path: string): void;
  mkdir(path: string): void;
}

const nodeLogFs: LogFs = {
  append: (path, text) => appendFileSync(path, text, { encoding: 'utf8', mode: 0o600 }),
  size: (path) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  },
  rename: (from, to) => {
    try {
      renameSync(from, to);
    } catch {
      // A missing older file is normal.
    }
  },
  remove: (path) => rmSync(path, { force: true }),
  mkdir: (path) => void mkdirSync(path, { recursive: true }),
};

export interface RotatingLog {
  readonly path: string;
  write(line: string): void;
}

export function createRotatingLog(options: {
  dir: string;
  name?: string;
  maxBytes?: number;
  keep?: number;
  fs?: LogFs;
  onError?: (err: unknown) => void;
}): RotatingLog {
  const fs = options.fs ?? nodeLogFs;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;
  const path = join(options.dir, `${options.name ?? 'main'}.log`);
  let size: number | null = null;
  let failed = false;

  const rotate = (): void => {
    const plan = rotationPlan(path, keep);
    fs.remove(plan.remove);
    for (const [from, to] of plan.renames) fs.rename(from, to);
    size = 0;
  };

  return {
    path,
    write(line) {
      try {
        if (size === null) {
          fs.mkdir(options.dir);
          size = fs.size(path);
        }
        const bytes = Buffer.byteLength(line, 'utf8');
        if (size > 0 && size + bytes > maxBytes) rotate();
        fs.append(path, line);
        size = (size ?? 0) + bytes;
        failed = false;
      } catch (err) {
        // Report the first failure of a run of them, then stay quiet until writing works again.
        if (!failed) options.onError?.(err);
        failed = true;
      }
    },
  };
}

/** Splits a stream's chunks into whole lines (the core host's stdout and stderr). */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk).split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const part of parts) if (part !== '') onLine(part);
      // A runaway line without breaks is cut rather than buffered forever.
      if (rest.length > 64 * 1024) {
        onLine(rest);
        rest = '';
      }
    },
    flush() {
      if (rest !== '') onLine(rest);
      rest = '';
    },
  };
}

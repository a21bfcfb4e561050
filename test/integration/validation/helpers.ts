/** Shared helpers of the validation tests: temp folders and issue lookups. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue, ValidationReport } from '../../../src/core/validation';

export function tempDir(prefix = 'steward-validation-'): {
  dir: string;
  file(name: string, data: string | Buffer): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const byRule = (report: ValidationReport, rule: string): Issue[] =>
  report.issues.filter((i) => i.rule === rule);
export const errorsOf = (report: ValidationReport): Issue[] =>
  report.issues.filter((i) => i.severity === 'error');
export const rules = (report: ValidationReport): string[] =>
  [...new Set(report.issues.map((i) => i.rule))].sort();
export const csv = (rows: string[][]): string => `${rows.map((r) => r.join(',')).join('\n')}\n`;

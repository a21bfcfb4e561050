import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Allowlist,
  ALLOWLIST_FILE,
  evaluate,
  EXCLUDED_CHECKS,
  passes,
  toFinding,
} from '../../../scripts/lint-security';
import type { AllowlistEntry, Finding } from '../../../scripts/lint-security';

const root = resolve(import.meta.dirname, '../../..');

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'main/main-window.ts',
    line: 40,
    severity: 'HIGH',
    confidence: 'FIRM',
    sample: 'const win = new BrowserWindow(windowOptions(state))',
    description: '',
    ...overrides,
  };
}

const entry: AllowlistEntry = {
  id: 'CONTEXT_ISOLATION_JS_CHECK',
  file: 'main/main-window.ts',
  match: 'new BrowserWindow(windowOptions(',
  reason: 'windowOptions() sets contextIsolation: true; see its test.',
  evidence: ['src/main/window-options.ts'],
};

describe('lint:security evaluation', () => {
  it('passes when every high and medium finding is explained', () => {
    const result = evaluate(
      [finding(), finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW', sample: '' })],
      [entry],
      () => true,
    );
    expect(result.unexplained).toEqual([]);
    expect(result.explained).toHaveLength(1);
    expect(result.informational).toHaveLength(1);
    expect(passes(result, [])).toBe(true);
  });

  it('fails on an unexplained high or medium finding', () => {
    const result = evaluate(
      [finding({ id: 'NODE_INTEGRATION_JS_CHECK' }), finding({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM' })],
      [],
      () => true,
    );
    expect(result.unexplained.map((f) => f.id)).toEqual(['NODE_INTEGRATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
    expect(passes(result, [])).toBe(false);
  });

  it('does not let an explanation cover a different line of the same kind', () => {
    const other = finding({ sample: 'new BrowserWindow({ webPreferences: { contextIsolation: false } })' });
    expect(evaluate([other], [entry], () => true).unexplained).toEqual([other]);
  });

  it('fails on stale entries, missing evidence and unparsed files', () => {
    const stale = evaluate([], [entry], () => true);
    expect(stale.stale).toEqual([entry]);
    expect(passes(stale, [])).toBe(false);
    const missing = evaluate([finding()], [entry], () => false);
    expect(missing.missingEvidence).toEqual([{ entry, file: 'src/main/window-options.ts' }]);
    expect(passes(missing, [])).toBe(false);
    expect(
      passes(
        evaluate([], [], () => true),
        [{ file: 'x.ts', message: 'Unexpected token' }],
      ),
    ).toBe(false);
  });

  it('reads the scanner’s issues (Windows paths normalised)', () => {
    expect(
      toFinding({
        id: 'X',
        file: 'main\\index.ts',
        location: { line: 3 },
        severity: { name: 'MEDIUM' },
        confidence: { name: 'TENTATIVE' },
        sample: '  shell.openExternal(url) ',
      }),
    ).toMatchObject({
      file: 'main/index.ts',
      line: 3,
      severity: 'MEDIUM',
      sample: 'shell.openExternal(url)',
    });
  });

  it('runs offline: only the check that downloads Electron releases is excluded', () => {
    expect(EXCLUDED_CHECKS).toEqual(['AvailableSecurityFixesGlobalCheck']);
  });
});

describe(ALLOWLIST_FILE, () => {
  const allowlist = Allowlist.parse(JSON.parse(readFileSync(join(root, ALLOWLIST_FILE), 'utf8')));

  it('gives a reason and existing evidence for every entry', () => {
    expect(allowlist.length).toBeGreaterThan(0);
    for (const item of allowlist) {
      expect(item.reason.length).toBeGreaterThan(40);
      for (const file of item.evidence) expect(existsSync(join(root, file)), file).toBe(true);
      expect(existsSync(join(root, 'src', item.file)), item.file).toBe(true);
    }
  });

  it('never explains away node integration, web security or insecure content', () => {
    const never = [
      'NODE_INTEGRATION',
      'WEB_SECURITY',
      'INSECURE_CONTENT',
      'REMOTE_MODULE',
      'PRELOAD',
      'CERTIFICATE',
    ];
    for (const item of allowlist) for (const id of never) expect(item.id).not.toContain(id);
  });
});

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint enforces the process boundaries', () => {
  it.each([
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/core/x.ts'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/shared/x.ts'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/web/x.ts'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/cli/x.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'src/renderer/src/x.ts'],
    ["import { readFileSync } from 'fs';\nexport const a = readFileSync;\n", 'src/shared/x.ts'],
    ["import Database from 'better-sqlite3';\nexport const a = Database;\n", 'src/renderer/src/x.ts'],
    ["import { createCore } from '../../core';\nexport const a = createCore;\n", 'src/renderer/src/x.ts'],
    ["import { bindIpc } from '../main/ipc';\nexport const a = bindIpc;\n", 'src/core/x.ts'],
  ])('refuses %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it.each([
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/main/x.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'src/core/x.ts'],
    [
      "import { channels } from '../../../shared/contract';\nexport const a = channels;\n",
      'src/renderer/src/x.ts',
    ],
  ])('allows %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).not.toContain('no-restricted-imports');
  });
});

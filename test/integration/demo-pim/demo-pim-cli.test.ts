/**
 * `steward demo-pim`'s body: starts the server and prints one JSON line with every system's base
 * URL and demo credentials, which really work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPimCommand } from '../../../src/cli/commands/demo-pim';
import { request } from './pim-harness';

describe('demo-pim command', () => {
  it('prints one JSON line with base URLs and credentials once it listens', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-pim-cli-'));
    const lines: string[] = [];
    const pim = await demoPimCommand({ products: 100, seed: 3, data: path.join(dir, 'demo.sqlite') }, (l) =>
      lines.push(l),
    );
    try {
      expect(lines).toHaveLength(1);
      const info = JSON.parse(lines[0]!) as {
        origin: string;
        generated: boolean;
        systems: Record<string, Record<string, string>>;
      };
      expect(info.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.generated).toBe(true);
      expect(Object.keys(info.systems)).toEqual([
        'wexbo',
        'etim',
        'wizart',
        'broadleaf',
        'printxpand',
        'admin',
      ]);
      for (const s of Object.values(info.systems)) expect(s.url!.startsWith(info.origin)).toBe(true);
      const w = info.systems.wexbo!;
      const res = await request(`${w.url}/products/count`, {
        headers: { Authorization: `Bearer ${w.token}`, 'Content-Type': 'application/vnd.wexbo.v1' },
      });
      expect(res.json()).toMatchObject({ data: { count: 100 } });
      const e = info.systems.etim!;
      const basic = `Basic ${Buffer.from(`${e.user}:${e.password}`).toString('base64')}`;
      expect((await request(`${e.url}/labels`, { headers: { Authorization: basic } })).status).toBe(200);
    } finally {
      await pim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

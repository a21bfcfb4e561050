/**
 * The web shell's file routes: a page uploads a dropped file (with the per-run secret, from its own
 * origin), validates it through the contract by token, exports the errors and downloads them.
 * Everything else is refused with a reason: no secret, another origin, a kind of file the app does
 * not read, an unknown download.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { safeFileName } from '../../../src/core/files/local-store';
import { startWebHost } from '../../../src/web/host';
import type { WebHost } from '../../../src/web/host';
import { createCaller } from '../../../src/shared/rpc';
import { FILE_NAME_HEADER, FILE_SECRET_HEADER, UploadReply } from '../../../src/shared/wire';

describe('web shell file upload and download', () => {
  let dir: string;
  let core: Core;
  let host: WebHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-web-files-'));
    core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    host = await startWebHost({ core, rendererDir: join(dir, 'no-renderer') });
  });
  afterAll(async () => {
    await host.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (name: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${host.origin}/files`, {
      method: 'POST',
      headers: {
        [FILE_SECRET_HEADER]: host.secret,
        [FILE_NAME_HEADER]: encodeURIComponent(name),
        Origin: host.origin,
        ...headers,
      },
      body,
    });

  it('uploads, validates by token, exports and downloads', async () => {
    const csv = 'code,name,price\nok-1,Fine,1.50\nbad-2,,abc\n';
    const res = await upload('Dodávateľ März.csv', csv);
    expect(res.status).toBe(201);
    const ref = UploadReply.parse(await res.json());
    expect(ref).toMatchObject({ name: 'Dodávateľ März.csv', size: Buffer.byteLength(csv) });

    const call = createCaller(core.dispatch);
    const started = await call('validation:start', {
      file: { fileToken: ref.token },
      template: 'wexbo-products',
    });
    expect(started.fileName).toBe('Dodávateľ März.csv');
    const done = await core.validation.settled(started.runId);
    expect(done).toMatchObject({ status: 'done', rows: 2 });
    expect(done.counts.error).toBeGreaterThanOrEqual(2);

    const exported = await call('validation:export', { runId: done.runId, what: 'errors', format: 'csv' });
    expect(exported.download).toMatch(/^ft_/);
    const download = await fetch(`${host.origin}/files/${exported.download}`, {
      headers: { [FILE_SECRET_HEADER]: host.secret },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(
      'Dod%C3%A1vate%C4%BE%20M%C3%A4rz-errors.csv',
    );
    const text = await download.text();
    expect(text).toContain('Row,Column,Value,Severity,Rule,Message,Fix');
    expect(text).toContain('price');
    // An upload token is for reading by core; a download token is not accepted as input.
    const reuse = await core.dispatch('validation:start', { file: { fileToken: exported.download ?? '' } });
    expect(reuse.ok).toBe(false);
  });

  it('a cancelled validation is stored and listed as cancelled, not as failed', async () => {
    const lines = ['code,name,price'];
    for (let i = 0; i < 300_000; i++) lines.push(`sku-${i},Product ${i},${(i % 90) + 0.5}`);
    const ref = UploadReply.parse(await (await upload('big.csv', lines.join('\n'))).json());
    const call = createCaller(core.dispatch);
    const started = await call('validation:start', {
      file: { fileToken: ref.token },
      template: 'wexbo-products',
    });
    await call('validation:cancel', { runId: started.runId });
    expect(await core.validation.settled(started.runId)).toMatchObject({ status: 'cancelled' });
    const runs = await call('validation:listRuns', {});
    expect(runs.find((r) => r.id === started.runId)).toMatchObject({
      status: 'cancelled',
      fileName: 'big.csv',
    });
  });

  it('refuses without the secret, from another origin, and files the app does not read', async () => {
    expect((await upload('a.csv', 'x', { [FILE_SECRET_HEADER]: 'wrong' })).status).toBe(401);
    expect((await upload('a.csv', 'x', { Origin: 'http://evil.example' })).status).toBe(403);
    const exe = await upload('setup.exe', 'MZ');
    expect(exe.status).toBe(400);
    expect(((await exe.json()) as { error: string }).error).toMatch(/reads CSV, TSV, TXT, XLSX and ZIP/);
    const missing = await fetch(`${host.origin}/files/ft_nonexistentnonexistent00`, {
      headers: { [FILE_SECRET_HEADER]: host.secret },
    });
    expect(missing.status).toBe(404);
    const unknownToken = await core.dispatch('validation:start', {
      file: { fileToken: 'ft_nonexistentnonexistent00' },
    });
    expect(unknownToken).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/drop it again/) },
    });
  });

  it('keeps names to a file name', () => {
    expect(safeFileName('../../etc/passwd.csv')).toBe('passwd.csv');
    expect(safeFileName('C:\\Users\\x\\feed.csv')).toBe('feed.csv');
    expect(safeFileName('a\u0000b:c.csv')).toBe('a_b_c.csv');
    expect(() => safeFileName('..')).toThrow(/no name/);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAppRequest, mimeTypeOf, resolveAppPath } from '../../../src/main/app-protocol';
import { buildCsp } from '../../../src/main/csp';
import { tempDir } from './fakes';

const root = '/srv/app/out/renderer';

describe('resolveAppPath', () => {
  it('serves index.html for the root and for client-side routes', () => {
    for (const url of [
      'app://steward/',
      'app://steward',
      'app://steward/index.html',
      'app://steward/catalog',
      'app://steward/catalog/42?tab=x#y',
    ]) {
      const resolved = resolveAppPath(url, root);
      expect(resolved).toEqual({
        ok: true,
        filePath: join(root, 'index.html'),
        mimeType: 'text/html; charset=utf-8',
      });
    }
  });

  it('maps assets under the renderer folder with their MIME type', () => {
    expect(resolveAppPath('app://steward/assets/index-abc.js', root)).toEqual({
      ok: true,
      filePath: join(root, 'assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppPath('app://steward/assets/a%20b.css', root)).toMatchObject({
      ok: true,
      filePath: join(root, 'assets', 'a b.css'),
    });
  });

  it.each([
    ['app://steward/%2e%2e/%2e%2e/etc/passwd.txt', 403],
    ['app://steward/assets/%2E%2E/%2E%2E/secret.txt', 403],
    ['app://steward/.%2e/secret.txt', 403],
    ['app://steward/assets/..%2fsecret.txt', 403],
    ['app://steward/..%5csecret.txt', 403],
    ['app://steward/assets%5c..%5c..%5csecret.txt', 403],
    ['app://steward/a\\..\\..\\secret.txt', 403],
    ['app://steward//etc/passwd.txt', 403],
    ['app://steward/C:/Windows/win.ini', 403],
    ['app://steward/c%3a/Windows/win.ini', 403],
    ['app://steward/x%00.js', 403],
    ['app://steward/%E0%A4%A.js', 400],
    ['app://other/index.html', 404],
    ['app://steward:99/index.html', 404],
    ['file:///etc/passwd', 404],
    ['https://steward/index.html', 404],
    ['nonsense', 400],
  ])('refuses %s', (url, status) => {
    const resolved = resolveAppPath(url, root);
    expect(resolved).toMatchObject({ ok: false, status });
  });

  it('never resolves outside the renderer folder, whatever the URL parser did', () => {
    for (const url of [
      'app://steward/../../etc/passwd.txt',
      'app://steward/a/../../../x.txt',
      'app://steward/./x.txt',
    ]) {
      const resolved = resolveAppPath(url, root);
      expect(!resolved.ok || resolved.filePath.startsWith(root + sep)).toBe(true);
    }
  });

  it('knows the MIME types the renderer build emits', () => {
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.SVG')).toBe('image/svg+xml');
    expect(mimeTypeOf('a.map')).toBe('application/json; charset=utf-8');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});

describe('handleAppRequest', () => {
  const dir = tempDir();
  const rendererDir = join(dir.path, 'out', 'renderer');
  const csp = buildCsp({ dev: false });

  beforeAll(() => {
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'out', 'secret.txt'), 'do not serve');
  });
  afterAll(() => dir.remove());

  it('serves files with the CSP and hardening headers', async () => {
    const response = await handleAppRequest(new Request('app://steward/assets/app.js'), { rendererDir, csp });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves index.html at the root', async () => {
    const response = await handleAppRequest(new Request('app://steward/'), { rendererDir, csp });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('id="root"');
    expect(response.headers.get('content-security-policy')).toBe(csp);
  });

  it('answers 404 for a missing file and 403 for traversal, with the CSP on errors too', async () => {
    const missing = await handleAppRequest(new Request('app://steward/assets/nope.js'), { rendererDir, csp });
    expect(missing.status).toBe(404);
    // Request (like Chromium) folds the `..` before the handler sees it: the file outside the
    // renderer folder must still not be served.
    const traversal = await handleAppRequest(new Request('app://steward/%2e%2e/secret.txt'), {
      rendererDir,
      csp,
    });
    expect([403, 404]).toContain(traversal.status);
    expect(await traversal.text()).not.toContain('do not serve');
    expect(traversal.headers.get('content-security-policy')).toBe(csp);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const post = await handleAppRequest(
      new Request('app://steward/index.html', { method: 'POST', body: 'x' }),
      { rendererDir, csp },
    );
    expect(post.status).toBe(405);
    const head = await handleAppRequest(new Request('app://steward/index.html', { method: 'HEAD' }), {
      rendererDir,
      csp,
    });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../src/core';
import type { Core } from '../../src/core';
import { startWebHost } from '../../src/web/host';
import type { WebHost } from '../../src/web/host';
import { resolveStaticPath } from '../../src/web/static';
import { WS_PROTOCOL, WS_SECRET_PREFIX } from '../../src/shared/wire';

function connect(host: WebHost, opts: { secret?: string; origin?: string } = {}): Promise<WebSocket> {
  const protocols = [
    WS_PROTOCOL,
    ...(opts.secret === undefined ? [] : [`${WS_SECRET_PREFIX}${opts.secret}`]),
  ];
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws`, protocols, {
    headers: { Origin: opts.origin ?? host.origin },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextFrame(
  ws: WebSocket,
  match: (frame: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (match(frame)) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('web host', () => {
  let dir: string;
  let core: Core;
  let host: WebHost;
  let ws: WebSocket;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-web-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    core = await createCore({ dataDir: join(dir, 'data') });
    host = await startWebHost({ core, rendererDir: renderer });
    ws = await connect(host, { secret: host.secret });
  });
  afterAll(async () => {
    ws?.close();
    await host.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 and prints the secret only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#secret=${host.secret}`);
    expect(host.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a connection without the secret', async () => {
    await expect(connect(host)).rejects.toThrow('HTTP 401');
  });

  it('rejects a connection with a wrong secret', async () => {
    await expect(connect(host, { secret: 'a'.repeat(64) })).rejects.toThrow('HTTP 401');
  });

  it('rejects a connection from another origin even with the secret', async () => {
    await expect(connect(host, { secret: host.secret, origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
  });

  it('answers a valid request with a Result', async () => {
    const reply = nextFrame(ws, (f) => f.id === 1);
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:getInfo', input: {} }));
    expect(await reply).toMatchObject({
      type: 'reply',
      id: 1,
      result: { ok: true, value: { appName: 'PIM Steward' } },
    });
  });

  it('answers malformed frames with clear errors and keeps the socket open', async () => {
    let reply = nextFrame(ws, (f) => f.id === -1);
    ws.send('{not json');
    expect(await reply).toMatchObject({
      id: -1,
      result: { ok: false, error: { code: 'invalid_input', message: 'Frame is not valid JSON.' } },
    });

    reply = nextFrame(ws, (f) => f.id === 7);
    ws.send(JSON.stringify({ type: 'invoke', id: 7, input: {} }));
    const missing = await reply;
    expect(missing).toMatchObject({ id: 7, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(JSON.stringify(missing)).toContain('frame.channel');

    reply = nextFrame(ws, (f) => f.id === 8);
    ws.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'changes:list', input: { limit: -3 } }));
    expect(await reply).toMatchObject({ id: 8, result: { ok: false, error: { code: 'invalid_input' } } });

    reply = nextFrame(ws, (f) => f.id === -1);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await reply).toMatchObject({
      result: { ok: false, error: { message: expect.stringContaining('Binary') } },
    });

    reply = nextFrame(ws, (f) => f.id === 9);
    ws.send(JSON.stringify({ type: 'invoke', id: 9, channel: 'settings:get', input: {} }));
    expect(await reply).toMatchObject({ id: 9, result: { ok: true } });
  });

  it('pushes core events to connected clients', async () => {
    const event = nextFrame(ws, (f) => f.type === 'event');
    ws.send(
      JSON.stringify({ type: 'invoke', id: 10, channel: 'settings:update', input: { theme: 'light' } }),
    );
    expect(await event).toMatchObject({
      type: 'event',
      event: 'settings:changed',
      payload: { theme: 'light' },
    });
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    const traversal = await fetch(`${host.origin}/..%2Fsecret.txt`);
    expect(await traversal.text()).not.toContain('outside the renderer');
    expect((await fetch(`${host.origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('resolves static paths inside the root only', () => {
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(resolveStaticPath('/srv/app', '/assets/a.js?v=1')).toBe('/srv/app/assets/a.js');
    expect(resolveStaticPath('/srv/app', '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/a\\..\\..\\b')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/%E0%A4%A')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/x%00.js')).toBeNull();
  });
});

/**
 * The renderer's desktop code paths in Chromium. Electron cannot run here, so the page gets a
 * stand-in for the preload bridge (`window.steward` with `invoke` and `on`, exactly the two functions
 * the real preload exposes): contract channels go to core over the web host's WebSocket, the shell's
 * own channels (updates, notices, file dialogs) are answered by the stand-in, and shell events
 * (`app:updateState`, `system:notice`, `files:dropped`) are raised by the test. What is tested is the
 * renderer: the update banner ("restart to update", waiting for uploads), system notices, and a drop
 * that arrives as tokens from main opening the import wizard.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FILE_NAME_HEADER,
  FILE_SECRET_HEADER,
  UploadReply,
  WS_PATH,
  WS_PROTOCOL,
  WS_SECRET_PREFIX,
} from '../../src/shared/wire';
import { startHarness } from './harness';
import type { Harness } from './harness';

/** The stand-in preload, as page JavaScript (runs before the app's scripts). */
function bridgeScript(secret: string): string {
  return `(() => {
    const listeners = new Map();
    const pending = new Map();
    let nextId = 1;
    const queue = [];
    const ws = new WebSocket('ws://' + location.host + ${JSON.stringify(WS_PATH)}, [${JSON.stringify(WS_PROTOCOL)}, ${JSON.stringify(WS_SECRET_PREFIX + secret)}]);
    ws.onopen = () => { for (const f of queue.splice(0)) ws.send(f); };
    ws.onmessage = (msg) => {
      const frame = JSON.parse(String(msg.data));
      if (frame.type === 'reply') { pending.get(frame.id)?.(frame.result); pending.delete(frame.id); }
      else if (frame.type === 'event') emit(frame.event, frame.payload);
    };
    const emit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
    const shell = window.__shell = {
      calls: [],
      update: { status: 'idle', channel: 'latest', currentVersion: '0.1.0', version: null, percent: null, lastCheckedAt: null, message: null },
      notices: [],
      emit,
    };
    const shellAnswers = {
      'app:getUpdateState': () => shell.update,
      'app:checkForUpdates': () => shell.update,
      'app:installUpdate': () => (shell.update = { ...shell.update, status: 'waiting' }),
      'system:getNotices': () => shell.notices,
      'files:openDialog': () => ({ files: [], rejected: [] }),
      'files:saveDialog': () => null,
    };
    window.steward = {
      invoke(channel, input) {
        if (channel in shellAnswers) {
          shell.calls.push(channel);
          return Promise.resolve({ ok: true, value: shellAnswers[channel](input) });
        }
        return new Promise((resolve) => {
          const id = nextId++;
          pending.set(id, resolve);
          const frame = JSON.stringify({ type: 'invoke', id, channel, input });
          if (ws.readyState === 1) ws.send(frame); else queue.push(frame);
        });
      },
      on(event, listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return () => listeners.get(event).delete(listener);
      },
    };
  })();`;
}

describe('the renderer behind the desktop bridge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demo: { products: 50 } });
    await h.page.addInitScript({ content: bridgeScript(h.host.secret) });
    await h.page.goto(`${h.host.origin}/#/catalog`);
    await h.page.getByRole('navigation').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('uses the bridge, not the WebSocket transport', async () => {
    // The page was opened without its #secret: only the bridge can make it work.
    await h.page.getByRole('link', { name: 'Connections' }).click();
    await h.page
      .getByRole('cell', { name: /^Demo WEXBO shop/ })
      .first()
      .waitFor();
    const calls = await h.page.evaluate<string[]>('window.__shell.calls');
    expect(calls).toEqual(expect.arrayContaining(['app:getUpdateState', 'system:getNotices']));
  });

  it('offers "Restart to update" once an update is ready, and says it waits for uploads', async () => {
    await h.page.evaluate(
      `window.__shell.emit('app:updateState', { ...window.__shell.update, status: 'downloading', version: '0.2.0', percent: 40 })`,
    );
    await h.page.getByText('Downloading PIM Steward 0.2.0: 40 %').waitFor();
    await h.page.evaluate(
      `window.__shell.emit('app:updateState', { ...window.__shell.update, status: 'ready', version: '0.2.0', percent: 100 })`,
    );
    const restart = h.page.getByRole('button', { name: 'Restart to update' });
    await restart.waitFor();
    await h.screenshot('desktop-1-update-ready');
    await restart.click();
    await h.page.getByText(/installs as soon as the uploads in progress finish/).waitFor();
    expect(await h.page.evaluate<string[]>('window.__shell.calls')).toContain('app:installUpdate');
    // A payload that does not fit the schema is ignored, not rendered.
    await h.page.evaluate(`window.__shell.emit('app:updateState', { status: 'ready', version: 42 })`);
    await h.page.getByText(/installs as soon as the uploads in progress finish/).waitFor();
  });

  it('shows system notices until dismissed', async () => {
    await h.page.evaluate(
      `window.__shell.emit('system:notice', { id: 'secrets-basic-text', level: 'warning', title: 'Passwords are stored with weak protection', message: 'This Linux session has no keyring; install gnome-keyring or KWallet.' })`,
    );
    const notice = h.page.getByRole('alert').filter({ hasText: 'Passwords are stored with weak protection' });
    await notice.waitFor();
    await h.screenshot('desktop-2-notice');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('opens the import wizard with files main registered from a drop', async () => {
    // Main would register the dropped path; here the host's upload gives core the same kind of token.
    const file = join(h.dataDir, 'dropped.csv');
    writeFileSync(file, 'code,name,price\nnew-1,New racket,12.50\n');
    const res = await fetch(`${h.host.origin}/files`, {
      method: 'POST',
      headers: {
        [FILE_SECRET_HEADER]: h.host.secret,
        [FILE_NAME_HEADER]: 'dropped.csv',
        Origin: h.host.origin,
      },
      body: 'code,name,price\nnew-1,New racket,12.50\n',
    });
    const ref = UploadReply.parse(await res.json());
    await h.page.evaluate(
      `window.__shell.emit('files:dropped', { files: [${JSON.stringify(ref)}], rejected: [{ name: 'setup.exe', reason: 'PIM Steward reads CSV, TSV, TXT, XLSX and ZIP files.' }] })`,
    );
    await h.page.getByRole('heading', { name: 'Import', exact: true }).waitFor();
    await h.page.getByText('dropped.csv').first().waitFor();
    await h.page.getByText('setup.exe').first().waitFor();
    await h.screenshot('desktop-3-dropped');
    expect(h.consoleErrors).toEqual([]);
  });
});

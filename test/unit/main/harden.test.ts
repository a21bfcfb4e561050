import { describe, expect, it } from 'vitest';
import { applySessionPolicy, hardenWebContents, withCsp } from '../../../src/main/harden';
import type { PolicySession } from '../../../src/main/harden';
import { parseCsp } from '../../../src/main/csp';

/** A webContents that records listeners so the test can emit its events. */
function fakeContents() {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  return {
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
    /** Emits an Electron-style event whose first argument can be prevented; returns whether it was. */
    emit(event: string, url: string): boolean {
      let prevented = false;
      const details = { url, preventDefault: () => (prevented = true) };
      for (const listener of listeners.get(event) ?? []) listener(details, url);
      return prevented;
    },
    open(url: string) {
      if (!openHandler) throw new Error('no window open handler');
      return openHandler({ url });
    },
  };
}

describe('hardenWebContents', () => {
  function setup(devServerUrl?: string) {
    const opened: string[] = [];
    const contents = fakeContents();
    hardenWebContents(contents, {
      openExternal: (url) => opened.push(url),
      ...(devServerUrl ? { devServerUrl } : {}),
    });
    return { contents, opened };
  }

  it('prevents navigation, redirects and frame navigation away from the app', () => {
    const { contents, opened } = setup();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.emit(event, 'https://evil.example.com/')).toBe(true);
      expect(contents.emit(event, 'file:///etc/passwd')).toBe(true);
      expect(contents.emit(event, 'app://steward/index.html')).toBe(false);
    }
    expect(opened).toEqual([]);
  });

  it('allows the dev server in development only', () => {
    expect(setup().contents.emit('will-navigate', 'http://localhost:5173/')).toBe(true);
    expect(setup('http://localhost:5173/').contents.emit('will-navigate', 'http://localhost:5173/')).toBe(
      false,
    );
  });

  it('prevents every <webview>', () => {
    expect(setup().contents.emit('will-attach-webview', 'app://steward/')).toBe(true);
  });

  it('denies every window.open and hands only safe https links to the browser', () => {
    const { contents, opened } = setup();
    expect(contents.open('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(contents.open('http://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///C:/x.exe')).toEqual({ action: 'deny' });
    expect(contents.open('app://steward/index.html')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/docs']);
  });
});

function fakeSession() {
  const recorded: {
    request?: Parameters<PolicySession['setPermissionRequestHandler']>[0];
    check?: Parameters<PolicySession['setPermissionCheckHandler']>[0];
    device?: Parameters<PolicySession['setDevicePermissionHandler']>[0];
    headers?: Parameters<PolicySession['webRequest']['onHeadersReceived']>[0];
  } = {};
  const session: PolicySession = {
    setPermissionRequestHandler: (h) => void (recorded.request = h),
    setPermissionCheckHandler: (h) => void (recorded.check = h),
    setDevicePermissionHandler: (h) => void (recorded.device = h),
    webRequest: { onHeadersReceived: (h) => void (recorded.headers = h) },
  };
  return { session, recorded };
}

describe('applySessionPolicy', () => {
  function request(
    recorded: ReturnType<typeof fakeSession>['recorded'],
    permission: string,
    url: string,
    isMainFrame = true,
  ) {
    let granted: boolean | null = null;
    recorded.request?.(null, permission, (g) => (granted = g), { requestingUrl: url, isMainFrame });
    return granted;
  }

  it('answers permission requests and checks with the permission policy', () => {
    const { session, recorded } = fakeSession();
    applySessionPolicy(session, { dev: false });
    expect(request(recorded, 'media', 'app://steward/index.html')).toBe(false);
    expect(request(recorded, 'geolocation', 'app://steward/index.html')).toBe(false);
    expect(request(recorded, 'notifications', 'app://steward/index.html')).toBe(true);
    expect(request(recorded, 'notifications', 'app://steward/index.html', false)).toBe(false);
    expect(request(recorded, 'notifications', 'https://example.com/')).toBe(false);
    expect(recorded.check?.(null, 'notifications', 'app://steward', { isMainFrame: true })).toBe(true);
    expect(recorded.check?.(null, 'clipboard-read', 'app://steward', { isMainFrame: true })).toBe(false);
    expect(recorded.check?.(null, 'notifications', 'https://example.com', { isMainFrame: true })).toBe(false);
    expect(recorded.device?.({})).toBe(false);
  });

  it('replaces any CSP on responses with ours', () => {
    const { session, recorded } = fakeSession();
    applySessionPolicy(session, { dev: false });
    let headers: Record<string, string | string[]> | undefined;
    recorded.headers?.(
      {
        url: 'app://steward/index.html',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers?.['X-Other']).toEqual(['1']);
    expect(headers).not.toHaveProperty('content-security-policy');
    const csp = parseCsp((headers?.['Content-Security-Policy'] as string[])[0] ?? '');
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('lets the dev server through the CSP in development', () => {
    const { session, recorded } = fakeSession();
    applySessionPolicy(session, { dev: true, devServerUrl: 'http://localhost:5173/' });
    let headers: Record<string, string | string[]> | undefined;
    recorded.headers?.({ url: 'http://localhost:5173/' }, (response) => (headers = response.responseHeaders));
    const csp = parseCsp((headers?.['Content-Security-Policy'] as string[])[0] ?? '');
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
    expect(request(recorded, 'notifications', 'http://localhost:5173/')).toBe(true);
  });
});

describe('withCsp', () => {
  it('handles missing headers', () => {
    expect(withCsp(undefined, "default-src 'self'")).toEqual({
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });
});

/**
 * Applies the navigation, window-open, webview, permission and CSP policies to live Electron
 * objects. Only structural slices of WebContents and Session are used, so tests drive these with
 * small fakes of those Electron objects.
 */
import { buildCsp } from './csp';
import { isNavigationAllowed, windowOpenDecision } from './navigation';
import { permissionDecision } from './permissions';
import type { Log } from './ipc';

/* eslint-disable @typescript-eslint/no-explicit-any -- Electron's typed overloads are matched
   structurally here; each listener below narrows its own arguments. */
type AnyListener = (...args: any[]) => void;

export interface HardenableContents {
  on(event: string, listener: AnyListener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenOptions {
  devServerUrl?: string;
  openExternal: (url: string) => void;
  log?: Log;
}

interface Preventable {
  url?: string;
  preventDefault(): void;
}

/** For every webContents ever created (`app.on('web-contents-created')`), not only our window. */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const guard = (kind: string) => (details: Preventable) => {
    const url = typeof details.url === 'string' ? details.url : '';
    if (isNavigationAllowed(url, options.devServerUrl)) return;
    details.preventDefault();
    options.log?.('warn', `blocked ${kind}`, { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-attach-webview', (event: Preventable) => {
    event.preventDefault();
    options.log?.('warn', 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) options.openExternal(decision.openExternal);
    else options.log?.('warn', 'blocked window.open', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}

export interface PolicySession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; isMainFrame?: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string; isMainFrame?: boolean },
    ) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** Response headers with our CSP in place of any the server sent (header names are case-insensitive). */
export function withCsp(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

export interface SessionPolicyOptions {
  dev: boolean;
  devServerUrl?: string;
}

export function applySessionPolicy(session: PolicySession, options: SessionPolicyOptions): void {
  const { devServerUrl } = options;
  const csp = buildCsp({ dev: options.dev, ...(devServerUrl ? { devServerOrigin: devServerUrl } : {}) });
  const context = (details: { isMainFrame?: boolean }) => ({
    ...(devServerUrl ? { devServerUrl } : {}),
    ...(details.isMainFrame === undefined ? {} : { isMainFrame: details.isMainFrame }),
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionDecision(permission, details.requestingUrl ?? '', context(details)));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionDecision(permission, requestingOrigin, context(details)),
  );
  // WebHID / WebUSB / Web Serial: the app talks to no device.
  session.setDevicePermissionHandler(() => false);
  // Also covers pages the app protocol does not serve (the dev server), so the CSP always holds.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

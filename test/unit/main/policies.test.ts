import { describe, expect, it } from 'vitest';
import { isNavigationAllowed, windowOpenDecision } from '../../../src/main/navigation';
import { ALLOWED_PERMISSIONS, permissionDecision } from '../../../src/main/permissions';

describe('permissionDecision', () => {
  it.each([
    'media',
    'geolocation',
    'clipboard-read',
    'hid',
    'usb',
    'serial',
    'midi',
    'midiSysex',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'display-capture',
    'idle-detection',
    'unknown',
  ])('denies %s even to the app', (permission) => {
    expect(permissionDecision(permission, 'app://steward/index.html')).toBe(false);
  });

  it('allows notifications and sanitized clipboard writes to the app main frame only', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
    expect(permissionDecision('notifications', 'app://steward/index.html')).toBe(true);
    expect(permissionDecision('notifications', 'app://steward')).toBe(true);
    expect(permissionDecision('clipboard-sanitized-write', 'app://steward/')).toBe(true);
    expect(permissionDecision('notifications', 'app://steward/', { isMainFrame: false })).toBe(false);
    expect(permissionDecision('notifications', 'https://example.com/')).toBe(false);
    expect(permissionDecision('notifications', 'file:///index.html')).toBe(false);
    expect(permissionDecision('notifications', '')).toBe(false);
  });

  it('treats the dev server as the app only when told so', () => {
    expect(permissionDecision('notifications', 'http://localhost:5173/')).toBe(false);
    expect(
      permissionDecision('notifications', 'http://localhost:5173/', {
        devServerUrl: 'http://localhost:5173/',
      }),
    ).toBe(true);
  });
});

describe('navigation', () => {
  it('keeps the window on the app', () => {
    expect(isNavigationAllowed('app://steward/index.html')).toBe(true);
    expect(isNavigationAllowed('app://steward/catalog')).toBe(true);
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
    expect(isNavigationAllowed('app://evil/')).toBe(false);
    expect(isNavigationAllowed('http://localhost:5173/')).toBe(false);
    expect(isNavigationAllowed('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
  });

  it('never opens a window; safe https links go to the browser', () => {
    expect(windowOpenDecision('https://example.com/help')).toEqual({
      action: 'deny',
      openExternal: 'https://example.com/help',
    });
    expect(windowOpenDecision('http://example.com/')).toEqual({ action: 'deny', openExternal: null });
    expect(windowOpenDecision('app://steward/index.html')).toEqual({ action: 'deny', openExternal: null });
    expect(windowOpenDecision('file:///C:/Windows/system32/calc.exe')).toEqual({
      action: 'deny',
      openExternal: null,
    });
    expect(windowOpenDecision('about:blank')).toEqual({ action: 'deny', openExternal: null });
  });
});

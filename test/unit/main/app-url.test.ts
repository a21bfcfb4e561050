import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  devServerUrlFrom,
  isSafeExternalUrl,
  isTrustedAppUrl,
} from '../../../src/main/app-url';

describe('isTrustedAppUrl', () => {
  it('accepts the app origin and its paths', () => {
    expect(isTrustedAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isTrustedAppUrl('app://steward/')).toBe(true);
    expect(isTrustedAppUrl('app://steward')).toBe(true);
    expect(isTrustedAppUrl('app://steward/catalog?x=1#y')).toBe(true);
  });

  it.each([
    'file:///C:/app/index.html',
    'file:///work/main/out/renderer/index.html',
    'app://other/index.html',
    'app://steward.evil.com/',
    'app://steward:8080/',
    'app://user:pw@steward/',
    'https://steward/',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'javascript:alert(1)',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedAppUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isTrustedAppUrl(undefined)).toBe(false);
    expect(isTrustedAppUrl(null)).toBe(false);
    expect(isTrustedAppUrl({ href: APP_INDEX_URL })).toBe(false);
  });

  it('trusts the dev server origin only when it is given', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'https://docs.example.com/a/b?c=d#e', 'https://[2001:db8::1]/'])(
    'opens %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'app://steward/',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://localhost/',
    'https://intranet/',
    'https:///nohost',
    'https://example..com/',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(42)).toBe(false);
  });
});

describe('devServerUrlFrom', () => {
  it('uses ELECTRON_RENDERER_URL on loopback in an unpackaged app', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe(
      'http://localhost:5173/',
    );
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe(
      'http://127.0.0.1:5173/',
    );
  });

  it('ignores it in a packaged app, off loopback, or when it is not http(s)', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://evil.example.com' }, false)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'file:///tmp/index.html' }, false)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://a:b@localhost:5173' }, false)).toBeUndefined();
    expect(devServerUrlFrom({}, false)).toBeUndefined();
  });
});

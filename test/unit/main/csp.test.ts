import { describe, expect, it } from 'vitest';
import { buildCsp, parseCsp } from '../../../src/main/csp';

describe('buildCsp', () => {
  const prod = parseCsp(buildCsp({ dev: false }));

  it('locks the production renderer to its own origin', () => {
    expect(prod.get('default-src')).toEqual(["'self'"]);
    expect(prod.get('script-src')).toEqual(["'self'"]);
    expect(prod.get('style-src')).toEqual(["'self'"]);
    expect(prod.get('connect-src')).toEqual(["'self'"]);
    expect(prod.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(prod.get('object-src')).toEqual(["'none'"]);
    expect(prod.get('base-uri')).toEqual(["'none'"]);
    expect(prod.get('frame-ancestors')).toEqual(["'none'"]);
    expect(prod.get('form-action')).toEqual(["'none'"]);
    expect(prod.get('frame-src')).toEqual(["'none'"]);
  });

  it('never allows eval or inline code in production', () => {
    const policy = buildCsp({ dev: false });
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('*');
  });

  it('adds the dev server (http and ws) and inline dev tooling in development, still no eval', () => {
    const dev = parseCsp(buildCsp({ dev: true, devServerOrigin: 'http://localhost:5173/' }));
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(buildCsp({ dev: true, devServerOrigin: 'http://localhost:5173/' })).not.toContain('unsafe-eval');
  });

  it('ignores a dev server outside development and a non-http one', () => {
    expect(buildCsp({ dev: false, devServerOrigin: 'http://localhost:5173' })).toBe(buildCsp({ dev: false }));
    const weird = parseCsp(buildCsp({ dev: true, devServerOrigin: 'file:///x' }));
    expect(weird.get('connect-src')).toEqual(["'self'"]);
  });
});

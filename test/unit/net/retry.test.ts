import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../src/core/net/backoff';
import { HttpError, kindForStatus } from '../../../src/core/net/http-error';
import { parseRetryAfter } from '../../../src/core/net/retry-after';
import { extractServerMessage } from '../../../src/core/net/server-message';

const NOW = Date.parse('2025-03-01T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5000],
    ['1.5', 1500],
    ['Sat, 01 Mar 2025 10:00:30 GMT', 30_000],
    ['Saturday, 01-Mar-25 10:01:00 GMT', 60_000],
    ['Sat Mar  1 10:00:10 2025', 10_000],
    ['Fri, 28 Feb 2025 10:00:00 GMT', 0],
  ])('%j → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([undefined, null, '', '-5', 'soon', '2025-03-01', '1e3'])('%j → undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  const err = (status: number, retryAfterMs?: number) =>
    new HttpError({ kind: kindForStatus(status), status, method: 'PUT', url: 'https://x/y', retryAfterMs });

  it('grows exponentially with full jitter, capped', () => {
    const top = () => 0.999999;
    expect(retryDelayMs(err(500), 0, { random: top })).toBe(999);
    expect(retryDelayMs(err(500), 3, { random: top })).toBe(7999);
    expect(retryDelayMs(err(500), 30, { random: top, maxMs: 60_000 })).toBe(59_999);
    expect(retryDelayMs(err(503), 2, { random: () => 0 })).toBe(0);
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(err(429, 30_000), 0, { random: () => 0.5 })).toBe(30_000);
  });

  it.each([400, 401, 402, 404, 409, 413, 422, 423, 426])('does not retry %i', (status) => {
    expect(retryDelayMs(err(status), 0)).toBeUndefined();
  });

  it('does not retry errors that are not from the HTTP layer', () => {
    expect(retryDelayMs(new Error('bug'), 0)).toBeUndefined();
  });
});

describe('extractServerMessage', () => {
  it.each([
    ['{"errors":["a","b"]}', { message: 'a; b' }],
    ['{"errors":[{"code":100,"msg":"just a warning"}]}', { message: 'just a warning' }],
    [
      '{"message":"Order design id, item price, and item qty is not equaled"}',
      { message: 'Order design id, item price, and item qty is not equaled' },
    ],
    ['{"error":"Bad Request","field":"sku"}', { message: 'Bad Request', field: 'sku' }],
    ['"plain json string"', { message: 'plain json string' }],
    ['Service down for maintenance', { message: 'Service down for maintenance' }],
    ['<html><body>no title</body></html>', {}],
    ['', {}],
    ['[1,2]', {}],
  ])('%s', (body, expected) => {
    expect(extractServerMessage(body)).toEqual(expected);
  });

  it('clips very long messages', () => {
    expect(extractServerMessage('x'.repeat(2000)).message).toHaveLength(501);
  });
});

/**
 * WEXBO's gatekeeping (001_…, "Authorization", "HTTP headers", "Restrictions"): Bearer token,
 * the 423 lock after 5 failed logins, the version Content-Type (426), 5 requests per second per
 * token plus hourly and daily caps (429 with Retry-After).
 */
import { nextZonedMidnight } from '../time';
import type { DemoRequest } from '../types';
import { fail } from './envelope';

export interface WexboSettings {
  token: string;
  /** Remaining credit; null means unlimited (the default). */
  credit: number | null;
  /** Requests per second per token; 0 turns the limit off. */
  ratePerSecond: number;
  hourlyCap: number | null;
  dailyCap: number | null;
  failedLoginLimit: number;
  lockMinutes: number;
  /** Answer 423 as for an expired token or plugin. */
  tokenExpired: boolean;
}

export const DEFAULT_WEXBO_SETTINGS: Omit<WexboSettings, 'token'> = {
  credit: null,
  ratePerSecond: 5,
  hourlyCap: null,
  dailyCap: null,
  failedLoginLimit: 5,
  lockMinutes: 15,
  tokenExpired: false,
};

const VERSION_TYPE = /^application\/vnd\.wexbo\.v1(\+json)?\s*(;.*)?$/i;

interface Lock {
  failures: number;
  lockedUntil: number;
}

interface Usage {
  /** Times of the accepted requests of the last second. */
  recent: number[];
  hour: number;
  hourCount: number;
  day: number;
  dayCount: number;
}

export interface Guards {
  /** Checks a request; throws a WexboFailure (401/423/426/429) or returns the caller's token. */
  check(req: DemoRequest, now: number): string;
  unlock(): void;
  reset(): void;
}

export function createGuards(settings: WexboSettings): Guards {
  const locks = new Map<string, Lock>();
  const usage = new Map<string, Usage>();

  const lockFor = (ip: string): Lock => {
    let l = locks.get(ip);
    if (!l) locks.set(ip, (l = { failures: 0, lockedUntil: 0 }));
    return l;
  };

  const rate = (token: string, now: number): void => {
    let u = usage.get(token);
    if (!u) usage.set(token, (u = { recent: [], hour: 0, hourCount: 0, day: 0, dayCount: 0 }));
    const hour = Math.floor(now / 3_600_000);
    if (u.hour !== hour) Object.assign(u, { hour, hourCount: 0 });
    const day = nextZonedMidnight(now);
    if (u.day !== day) Object.assign(u, { day, dayCount: 0 });
    if (settings.dailyCap !== null && u.dayCount >= settings.dailyCap) {
      const wait = Math.max(1, Math.ceil((day - now) / 1000));
      fail(429, 'Daily request limit reached.', 'limit_day', '', { 'Retry-After': String(wait) });
    }
    if (settings.hourlyCap !== null && u.hourCount >= settings.hourlyCap) {
      const wait = Math.max(1, Math.ceil(((hour + 1) * 3_600_000 - now) / 1000));
      fail(429, 'Hourly request limit reached.', 'limit_hour', '', { 'Retry-After': String(wait) });
    }
    const max = settings.ratePerSecond;
    if (max > 0) {
      u.recent = u.recent.filter((t) => t > now - 1000);
      if (u.recent.length >= max) {
        const wait = Math.max(1, Math.ceil(((u.recent[0] ?? now) + 1000 - now) / 1000));
        fail(429, `Too many requests: at most ${max} per second.`, 'limit_second', '', {
          'Retry-After': String(wait),
        });
      }
      u.recent.push(now);
    }
    u.hourCount += 1;
    u.dayCount += 1;
  };

  return {
    check(req, now) {
      const ip = req.raw.socket.remoteAddress ?? 'unknown';
      const lock = lockFor(ip);
      if (lock.lockedUntil > now) fail(423, 'Locked after too many failed logins.', 'login_3');
      const header = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) fail(401, 'Missing Authorization Bearer token.', 'login_1', 'Authorization');
      if (m[1] !== settings.token) {
        lock.failures += 1;
        if (lock.failures >= settings.failedLoginLimit) {
          lock.lockedUntil = now + settings.lockMinutes * 60_000;
          lock.failures = 0;
        }
        fail(401, 'Invalid API token.', 'login_2', 'Authorization');
      }
      lock.failures = 0;
      if (settings.tokenExpired) fail(423, 'The API token has expired.', 'login_4', 'Authorization');
      const type = req.headers['content-type'] ?? '';
      if (!VERSION_TYPE.test(type)) {
        fail(
          426,
          'Set Content-Type: application/vnd.wexbo.v1 (API version v1).',
          'version_1',
          'Content-Type',
        );
      }
      rate(m[1], now);
      return m[1];
    },
    unlock() {
      locks.clear();
    },
    reset() {
      locks.clear();
      usage.clear();
    },
  };
}

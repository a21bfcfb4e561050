/**
 * What the connectors of remotes that cannot be read share when they turn a remote's answer into
 * our types: JSON guards, the remote's wall-clock times to UTC ISO (Wizart `YYYY-MM-DD HH:MM:SS`
 * with a `timezone`, 000_e06ea13dbfabb382.txt; Broadleaf `yyyy.MM.dd HH:mm:ss` in the server's zone,
 * 002_dd6ca172e7a2ab05.txt), percent clamping, and the error for an answer of the wrong shape.
 */
import { HttpError } from '../net/http-error';
import type { HttpResponse } from '../net/http-client';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string, or a number written as one (remotes mix `"200"` and `200`). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function finiteNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** 0–100 with one decimal, as Broadleaf writes percentComplete. */
export function clampPercent(n: number): number {
  return Math.round(Math.min(100, Math.max(0, n)) * 10) / 10;
}

const WALL_TIME = /^(\d{4})[-./](\d{2})[-./](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** The offset of an IANA zone at the instant `ms` (Intl only, so DST switches are right). */
function zoneOffsetMs(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * A remote wall time in `zone` (UTC, an offset like `+02:00`, or an IANA name) as a UTC ISO string;
 * undefined when either cannot be read. A time in a DST gap or overlap takes the offset that applies
 * after the switch, which is off by at most the one hour that is ambiguous anyway.
 */
export function wallTimeToIso(value: unknown, zone = 'UTC'): string | undefined {
  const m = typeof value === 'string' ? WALL_TIME.exec(value.trim()) : null;
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const z = zone.trim();
  if (z === '' || /^(utc|gmt|z)$/i.test(z)) return new Date(wall).toISOString();
  const off = OFFSET.exec(z);
  if (off) {
    const sign = off[1] === '-' ? -1 : 1;
    return new Date(wall - sign * (Number(off[2]) * 60 + Number(off[3])) * 60_000).toISOString();
  }
  try {
    // Two passes: the offset at the guessed instant, then at the corrected one.
    const first = wall - zoneOffsetMs(wall, z);
    return new Date(wall - zoneOffsetMs(first, z)).toISOString();
  } catch {
    return undefined;
  }
}

/** A 2xx answer we cannot read: the remote may have acted on it, so this is not a client error. */
export function unexpectedAnswer(res: HttpResponse, detail: string): HttpError {
  return new HttpError({
    kind: 'unexpected',
    status: res.status,
    method: res.method,
    url: res.url,
    detail,
    body: res.text().slice(0, 2048),
  });
}

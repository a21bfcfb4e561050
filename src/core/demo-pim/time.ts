/**
 * Wall-clock time in a named zone, done with Intl only (no hand-written offsets), so CET/CEST
 * switches are right. ETIM (004_…) speaks CET; WEXBO (001_…) is a Slovak system and we give its
 * datetimes in the same zone. Both use `YYYY-MM-DD HH:MM:SS`.
 */
export const DEMO_ZONE = 'Europe/Bratislava';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(ms: number, zone: string): WallTime {
  const out: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** The zone's offset from UTC at the instant `ms`, in milliseconds (CET +1 h, CEST +2 h). */
export function zoneOffsetMs(ms: number, zone = DEMO_ZONE): number {
  const w = wallTime(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` of the instant `ms` in the zone. */
export function formatZoned(ms: number, zone = DEMO_ZONE): string {
  const w = wallTime(ms, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** `YYYY-MM-DD` of the instant `ms` in the zone. */
export function formatZonedDate(ms: number, zone = DEMO_ZONE): string {
  return formatZoned(ms, zone).slice(0, 10);
}

/**
 * The UTC instant of a wall-clock time in the zone. In the spring gap (a time that does not
 * exist) the later offset wins, i.e. 02:30 becomes 03:30; in the autumn overlap the first
 * (summer-time) occurrence is taken.
 */
export function zonedToUtc(w: WallTime, zone = DEMO_ZONE): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = guess - zoneOffsetMs(guess - 12 * 3600_000, zone);
  const second = guess - zoneOffsetMs(guess + 12 * 3600_000, zone);
  // Either candidate that maps back to the same wall time is valid; prefer the earlier one.
  const ok = [first, second].filter((c) => zoneOffsetMs(c, zone) === guess - c).sort((a, b) => a - b);
  return ok[0] ?? Math.max(first, second);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export interface ParsedZoned {
  /** UTC milliseconds of the start of the given date or of the given second. */
  ms: number;
  /** True when only a date was given. */
  dateOnly: boolean;
}

function validParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` as wall time in the zone; undefined if invalid. */
export function parseZoned(text: string, zone = DEMO_ZONE): ParsedZoned | undefined {
  const t = text.trim();
  let m = DATE_RE.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validParts(y, mo, d)) return undefined;
    return {
      ms: zonedToUtc({ year: y, month: mo, day: d, hour: 0, minute: 0, second: 0 }, zone),
      dateOnly: true,
    };
  }
  m = DATETIME_RE.exec(t);
  if (m) {
    const n = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    if (!validParts(...n)) return undefined;
    const [year, month, day, hour, minute, second] = n;
    return { ms: zonedToUtc({ year, month, day, hour, minute, second }, zone), dateOnly: false };
  }
  return undefined;
}

/** The first instant after the end of the given date/second (exclusive upper bound). */
export function endOfZoned(text: string, zone = DEMO_ZONE): number | undefined {
  const p = parseZoned(text, zone);
  if (!p) return undefined;
  if (!p.dateOnly) return p.ms + 1000;
  const d = new Date(
    Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)) + 1),
  );
  return zonedToUtc(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
    },
    zone,
  );
}

/** UTC milliseconds of the next midnight in the zone after `ms` (for daily caps). */
export function nextZonedMidnight(ms: number, zone = DEMO_ZONE): number {
  return endOfZoned(formatZonedDate(ms, zone), zone) ?? ms + 86_400_000;
}

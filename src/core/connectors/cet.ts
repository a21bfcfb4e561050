/**
 * Central European wall time for the remotes that speak it: ETIM gives and takes every time in CET
 * (004_48b37cfc1a1923fe.txt: "All queries in the API should be given in the CET time") and WEXBO is a
 * Slovak system whose `date_modified` is local wall time (001_15500709165aa147.txt). Cursors cross the
 * connector interface as UTC ISO strings, so each conversion happens here, with Intl and a named zone
 * only: CET/CEST switches on the last Sundays of March and October, never by a hand-written offset.
 *
 * Deliberately not shared with src/core/demo-pim/time.ts, which does the same for the simulator: the
 * client and the simulated remote must not share conversion code, or one bug would pass on both
 * sides of every DST test.
 */
export const CET_ZONE = 'Europe/Bratislava';

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

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(ms: number, zone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offsets by zone and quarter hour: every zone's switches fall on a quarter hour of UTC. */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

/** Offset of the zone from UTC at the instant `ms` (CET +1 h, CEST +2 h). */
function offsetMs(ms: number, zone: string): number {
  let byZone = offsetCache.get(zone);
  if (!byZone) offsetCache.set(zone, (byZone = new Map()));
  const slot = Math.floor(ms / QUARTER_HOUR);
  let offset = byZone.get(slot);
  if (offset === undefined) {
    // Intl is slow (a page of 250 rows would spend most of its time here); a slot is asked once.
    const at = slot * QUARTER_HOUR;
    const w = wallOf(at, zone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at;
    if (byZone.size > 100_000) byZone.clear();
    byZone.set(slot, offset);
  }
  return offset;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` wall time of the instant `ms` (sub-second part dropped). */
export function formatWall(ms: number, zone = CET_ZONE): string {
  const w = new Date(Math.floor(ms / 1000) * 1000 + offsetMs(ms, zone));
  return `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
}

/** `YYYY-MM-DD`: the calendar day in the zone at the instant `ms`. */
export function wallDate(ms: number, zone = CET_ZONE): string {
  return formatWall(ms, zone).slice(0, 10);
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * The UTC instant of a wall time (`YYYY-MM-DD` is its midnight). In the autumn overlap the earlier
 * (summer-time) instant is returned: a cursor built from it can only re-read, never skip. A time in
 * the spring gap does not exist; it maps forward by the gap (02:30 → 03:30 CEST).
 */
export function parseWall(text: string, zone = CET_ZONE): number | undefined {
  const m = WALL_RE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  // The offset is one of the two around the guess; a candidate is right when it maps back to itself.
  const candidates = [
    guess - offsetMs(guess - 12 * 3_600_000, zone),
    guess - offsetMs(guess + 12 * 3_600_000, zone),
  ];
  const valid = candidates.filter((c) => c + offsetMs(c, zone) === guess).sort((a, b) => a - b);
  return valid[0] ?? Math.max(...candidates);
}

/** UTC ISO string of a wall time, or undefined when the text is not one. */
export function wallToIso(text: string, zone = CET_ZONE): string | undefined {
  const ms = parseWall(text, zone);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** The zone's calendar day of a UTC ISO instant: what a by-date change feed must be asked for. */
export function isoToWallDate(iso: string, zone = CET_ZONE): string {
  return wallDate(Date.parse(iso), zone);
}

/** The zone's wall time of a UTC ISO instant, rounded down to the second. */
export function isoToWall(iso: string, zone = CET_ZONE): string {
  return formatWall(Date.parse(iso), zone);
}

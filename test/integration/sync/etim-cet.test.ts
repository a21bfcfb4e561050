/**
 * The CET/CEST helper the ETIM and WEXBO connectors convert their cursors with (connectors/cet.ts):
 * checked minute by minute across both 2025 switches against Intl itself, plus the instants the
 * connectors rely on (the autumn overlap resolves to its earlier, summer-time instant).
 */
import { describe, expect, it } from 'vitest';
import { formatWall, isoToWallDate, parseWall, wallDate, wallToIso } from '../../../src/core/connectors/cet';

const intlWall = (ms: number): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Bratislava',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));

describe('CET/CEST wall time', () => {
  it('formats like Intl for every minute around both switches, and parses back', () => {
    for (const start of ['2025-03-29T22:00:00Z', '2025-10-25T22:00:00Z']) {
      for (let m = 0; m < 6 * 60; m++) {
        const ms = Date.parse(start) + m * 60_000 + 17_000;
        const wall = formatWall(ms);
        expect(wall).toBe(intlWall(ms));
        const back = parseWall(wall) as number;
        // The autumn hour happens twice: its wall times name the earlier (summer) instant.
        expect(back === ms || back === ms - 3_600_000).toBe(true);
        expect(formatWall(back)).toBe(wall);
      }
    }
  });

  it('maps the instants a cursor lands on to the right CET day', () => {
    expect(isoToWallDate('2025-03-29T23:15:00Z')).toBe('2025-03-30'); // 00:15 CET
    expect(isoToWallDate('2025-03-30T22:15:00Z')).toBe('2025-03-31'); // 00:15 CEST
    expect(isoToWallDate('2025-10-25T22:15:00Z')).toBe('2025-10-26'); // 00:15 CEST
    expect(isoToWallDate('2025-10-26T22:15:00Z')).toBe('2025-10-26'); // 23:15 CET
    expect(wallDate(Date.parse('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
  });

  it('parses dates, the spring gap and the autumn overlap', () => {
    expect(wallToIso('2025-03-30')).toBe('2025-03-29T23:00:00.000Z');
    expect(wallToIso('2025-03-30 02:30:00')).toBe('2025-03-30T01:30:00.000Z'); // does not exist: 03:30 CEST
    expect(wallToIso('2025-10-26 02:30:00')).toBe('2025-10-26T00:30:00.000Z'); // first of two
    expect(wallToIso('2025-10-26 03:30:00')).toBe('2025-10-26T02:30:00.000Z');
    expect(wallToIso('2024-12-31 23:59:59')).toBe('2024-12-31T22:59:59.000Z');
    expect(parseWall('2025-02-30')).toBeUndefined();
    expect(parseWall('2025-01-01 24:00:00')).toBeUndefined();
    expect(parseWall('yesterday')).toBeUndefined();
  });
});

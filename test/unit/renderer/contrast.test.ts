/**
 * The theme colors are readable: text colors against every surface, and text drawn on a status
 * color, reach WCAG's 4.5:1 in the light and the dark theme, and the "system" theme's dark block
 * is the dark theme. Read from styles.css itself, so a color changed there is checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../src/renderer/src/styles.css', import.meta.url), 'utf8');

function block(startsWith: string): Record<string, string> {
  const at = css.indexOf(startsWith);
  if (at < 0) throw new Error(`No block ${startsWith} in styles.css`);
  const open = css.indexOf('{', at);
  const body = css.slice(open + 1, css.indexOf('}', open));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]!.trim()]));
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb color: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

const light = block(':root {');
const dark = { ...light, ...block(":root[data-theme='dark'] {") };
const system = { ...light, ...block(":root[data-theme='system'] {") };

describe('theme colors', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ] as const)('%s: text colors read on every surface, and text on status colors reads', (_, theme) => {
    const low: string[] = [];
    for (const fg of ['--text', '--muted', '--accent', '--ok', '--warn', '--error'])
      for (const bg of ['--bg', '--surface', '--surface-2']) {
        const ratio = contrast(theme[fg]!, theme[bg]!);
        if (ratio < 4.5) low.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
      }
    for (const bg of ['--ok', '--warn', '--error']) {
      const ratio = contrast(theme['--on-status']!, theme[bg]!);
      if (ratio < 4.5) low.push(`--on-status on ${bg}: ${ratio.toFixed(2)}`);
    }
    expect(low).toEqual([]);
  });

  it('the system theme in a dark OS is the dark theme', () => {
    expect(system).toEqual(dark);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

import { describe, expect, it } from 'vitest';
import { clampWindowState, MIN_HEIGHT, MIN_WIDTH } from '../../../src/main/window-state';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const externalRight = { workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };
const externalLeft = { workArea: { x: -1920, y: 0, width: 1920, height: 1080 } };

describe('clampWindowState', () => {
  it('opens 1280x800 centred on the primary display when nothing was saved', () => {
    expect(clampWindowState(null, [laptop])).toEqual({
      x: 80,
      y: 63,
      width: 1280,
      height: 800,
      maximized: false,
    });
  });

  it.each([
    ['garbage', 'not an object'],
    ['NaN', { x: Number.NaN, y: 0, width: 1300, height: 900 }],
    ['negative size', { x: 0, y: 0, width: -5, height: 900 }],
    ['missing fields', { width: 1300 }],
    ['strings', { x: '0', y: '0', width: '1300', height: '900' }],
  ])('treats %s as no saved state', (_label, saved) => {
    expect(clampWindowState(saved, [laptop])).toEqual(clampWindowState(null, [laptop]));
  });

  it('keeps a saved window that is on screen, maximized flag included', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: true };
    expect(clampWindowState(saved, [laptop, externalRight])).toEqual(saved);
  });

  it('re-centres a window whose monitor was unplugged, keeping its size and maximized flag', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 860, maximized: true };
    const state = clampWindowState(saved, [laptop]);
    expect(state).toEqual({ x: 20, y: 33, width: 1400, height: 860, maximized: true });
  });

  it('re-centres a window on a removed left monitor (negative coordinates)', () => {
    const saved = { x: -1800, y: 50, width: 1200, height: 800, maximized: false };
    expect(clampWindowState(saved, [laptop, externalLeft])).toEqual(saved);
    expect(clampWindowState(saved, [laptop]).x).toBeGreaterThanOrEqual(0);
  });

  it('re-centres a window that only shows a sliver (title bar unreachable)', () => {
    const saved = { x: 1400, y: 300, width: 1300, height: 800, maximized: false };
    const state = clampWindowState(saved, [laptop]);
    expect(state.x).toBe(70);
  });

  it('pulls a partly off-screen window fully inside the display it mostly sits on', () => {
    const saved = { x: 900, y: -200, width: 1200, height: 800, maximized: false };
    const state = clampWindowState(saved, [laptop]);
    expect(state).toEqual({ x: 240, y: 25, width: 1200, height: 800, maximized: false });
  });

  it('shrinks a window larger than its display and enforces the minimum size', () => {
    const big = clampWindowState({ x: 0, y: 25, width: 3000, height: 2000, maximized: false }, [laptop]);
    expect(big).toMatchObject({ x: 0, y: 25, width: 1440, height: 875 });
    const tiny = clampWindowState({ x: 10, y: 30, width: 300, height: 200, maximized: false }, [laptop]);
    expect(tiny).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
  });

  it('fits a display smaller than the minimum size', () => {
    const small = { workArea: { x: 0, y: 0, width: 800, height: 600 } };
    expect(clampWindowState(null, [small])).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 600,
      maximized: false,
    });
  });

  it('still returns usable bounds when no display is reported', () => {
    expect(clampWindowState(null, [])).toEqual({ x: 0, y: 0, width: 1280, height: 800, maximized: false });
  });

  it('defaults maximized to false for older files', () => {
    expect(clampWindowState({ x: 10, y: 30, width: 1100, height: 700 }, [laptop]).maximized).toBe(false);
  });
});

/**
 * Where the main window opens. Pure: the saved state and the displays come in, bounds go out, so a
 * window saved on a monitor that has since been unplugged still opens somewhere the user can see.
 */
import { z } from 'zod';

export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 680;
/** How much of a window must overlap a display to count as reachable (grab the title bar). */
const MIN_VISIBLE_WIDTH = 160;
const MIN_VISIBLE_HEIGHT = 40;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of Electron's `Display` we use: its work area (screen minus taskbar/dock/menu bar). */
export interface DisplayLike {
  workArea: Rect;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

const finite = z.number().finite();
/** The file format: lenient on extra keys (older or newer versions), strict on the numbers. */
export const SavedWindowState = z.object({
  x: finite.int(),
  y: finite.int(),
  width: finite.int().positive(),
  height: finite.int().positive(),
  maximized: z.boolean().default(false),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clampSize(width: number, height: number, area: Rect): { width: number; height: number } {
  // The window never exceeds its display; it respects the minimum unless the display is smaller.
  return {
    width: Math.min(Math.max(width, MIN_WIDTH), area.width),
    height: Math.min(Math.max(height, MIN_HEIGHT), area.height),
  };
}

function centred(width: number, height: number, area: Rect): Rect {
  const size = clampSize(width, height, area);
  return {
    ...size,
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
  };
}

/** A fallback work area when Electron reports no display at all (headless, early startup). */
const FALLBACK_AREA: Rect = { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };

/**
 * `displays[0]` is the primary display. Invalid or missing saved state gives 1280×800 centred on
 * the primary display; a saved window that no longer overlaps any display enough to be grabbed is
 * re-centred on the primary display with its saved size; otherwise it is kept, shrunk to fit and
 * nudged fully inside the display it mostly sits on.
 */
export function clampWindowState(saved: unknown, displays: readonly DisplayLike[]): WindowState {
  const primary = displays[0]?.workArea ?? FALLBACK_AREA;
  const parsed = SavedWindowState.safeParse(saved);
  if (!parsed.success) return { ...centred(DEFAULT_WIDTH, DEFAULT_HEIGHT, primary), maximized: false };
  const state = parsed.data;

  let best: { area: Rect; size: number } | null = null;
  for (const display of displays) {
    const o = overlap(state, display.workArea);
    if (o.width < MIN_VISIBLE_WIDTH || o.height < MIN_VISIBLE_HEIGHT) continue;
    const size = o.width * o.height;
    if (!best || size > best.size) best = { area: display.workArea, size };
  }
  if (!best) return { ...centred(state.width, state.height, primary), maximized: state.maximized };

  const area = best.area;
  const size = clampSize(state.width, state.height, area);
  const x = Math.min(Math.max(state.x, area.x), area.x + area.width - size.width);
  const y = Math.min(Math.max(state.y, area.y), area.y + area.height - size.height);
  return { x, y, ...size, maximized: state.maximized };
}

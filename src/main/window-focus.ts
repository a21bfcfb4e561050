/**
 * Bringing the running window to the front, for the single-instance lock: a second launch hands
 * over to the first instance, which shows its window as it was (restored, visible, focused).
 */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** True when there was a window to focus (otherwise the caller opens one). */
export function focusWindow(win: FocusableWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}

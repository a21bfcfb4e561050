/**
 * Shortcuts as each platform writes them (src/renderer/src/shortcuts.ts): Command on macOS, where
 * Cmd+H is the system's Hide, so find and replace is Cmd+Option+F there; Ctrl elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { isMacPlatform, shortcutsFor } from '../../../src/renderer/src/shortcuts';
import { enGrid } from '../../../src/renderer/src/i18n/en-grid';

const MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const ELECTRON_MAC = `${MAC.replace(' Safari/537.36', '')} PIM-Steward/0.1.0 Electron/45.0.0 Safari/537.36`;

describe('keyboard shortcuts per platform', () => {
  it('tells macOS from Windows and Linux by the user agent', () => {
    expect(isMacPlatform(MAC)).toBe(true);
    expect(isMacPlatform(ELECTRON_MAC)).toBe(true);
    expect(isMacPlatform(WINDOWS)).toBe(false);
    expect(isMacPlatform('Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0')).toBe(false);
    expect(isMacPlatform('')).toBe(false);
  });

  it('uses Command on macOS, never Cmd+H, and Ctrl elsewhere', () => {
    const mac = shortcutsFor(true);
    const pc = shortcutsFor(false);
    expect(mac.findReplace).toEqual({ label: '⌘⌥F', aria: 'Meta+Alt+F' });
    expect(pc.findReplace).toEqual({ label: 'Ctrl+H', aria: 'Control+H' });
    expect(Object.values(mac).map((s) => s.aria)).not.toContain('Meta+H');
    for (const s of Object.values(mac)) expect(s.aria).not.toMatch(/Control/);
    for (const s of Object.values(pc)) expect(s.aria).not.toMatch(/Meta/);
    // Every aria-keyshortcuts value is modifiers then one key, joined by "+".
    for (const s of [...Object.values(mac), ...Object.values(pc)].filter(
      (x) => x.aria !== 'Meta' && x.aria !== 'Control',
    ))
      expect(s.aria).toMatch(/^((Control|Meta|Alt|Shift)\+)+[A-Z]\w*$/);
  });

  it('the texts that name shortcuts take them as values, not as written-in Ctrl', () => {
    for (const key of [
      'grid.filter.none',
      'grid.fr.done',
      'grid.fr.doneOne',
      'grid.set.done',
      'grid.set.doneOne',
    ] as const) {
      expect(enGrid[key]).not.toMatch(/Ctrl|Cmd/);
      expect(enGrid[key]).toMatch(/\{(findReplace|undo)\}/);
    }
  });
});

/**
 * Keyboard shortcuts as this platform writes and announces them. On macOS the Command key does
 * what Ctrl does elsewhere, and Cmd+H is the system's "Hide" (the desktop menu's hide role takes it
 * before the page sees it), so find and replace is Cmd+Option+F there, as in Xcode and VS Code.
 * The keys themselves are read in grid/use-grid-keys.ts, which accepts both.
 */
export const isMacPlatform = (userAgent: string): boolean => /Macintosh|Mac OS X|iPhone|iPad/.test(userAgent);

export interface Shortcut {
  /** As the UI shows it: "Ctrl+H", "⌘⌥F". */
  label: string;
  /** As aria-keyshortcuts wants it: "Control+H", "Meta+Alt+F". */
  aria: string;
}

export type ShortcutName = 'mod' | 'filter' | 'findReplace' | 'setField' | 'details' | 'undo';

export function shortcutsFor(mac: boolean): Record<ShortcutName, Shortcut> {
  if (mac) {
    return {
      /** The prefix of Cmd/Ctrl+digit and the like. */
      mod: { label: '⌘', aria: 'Meta' },
      filter: { label: '⌥↓', aria: 'Alt+ArrowDown' },
      findReplace: { label: '⌘⌥F', aria: 'Meta+Alt+F' },
      setField: { label: '⇧⌘E', aria: 'Meta+Shift+E' },
      details: { label: '⌘I', aria: 'Meta+I' },
      undo: { label: '⌘Z', aria: 'Meta+Z' },
    };
  }
  return {
    mod: { label: 'Ctrl+', aria: 'Control' },
    filter: { label: 'Alt+↓', aria: 'Alt+ArrowDown' },
    findReplace: { label: 'Ctrl+H', aria: 'Control+H' },
    setField: { label: 'Ctrl+Shift+E', aria: 'Control+Shift+E' },
    details: { label: 'Ctrl+I', aria: 'Control+I' },
    undo: { label: 'Ctrl+Z', aria: 'Control+Z' },
  };
}

/** This window's shortcuts. */
export const SHORTCUTS = shortcutsFor(
  // Read through globalThis: unit tests load this module in Node, which has no navigator.
  isMacPlatform((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? ''),
);

/** The labels, for texts that name several of them. */
export const shortcutLabels = (): Record<ShortcutName, string> =>
  Object.fromEntries(Object.entries(SHORTCUTS).map(([name, s]) => [name, s.label])) as Record<
    ShortcutName,
    string
  >;

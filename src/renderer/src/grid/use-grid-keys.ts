/**
 * The grid's keyboard: moving and extending the selection, starting an edit, and the clipboard,
 * fill and undo shortcuts, and the grid tools (Ctrl/Cmd+H find and replace, Ctrl/Cmd+Shift+E set a
 * field, Ctrl/Cmd+I or Enter on a row number the record panel, Alt+↓ the column's filter). Returns
 * the keydown and paste handlers for the grid element.
 */
import { useRef } from 'react';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import type { EditOutcome, GridColumn } from '../../../shared/domain';
import { api } from '../api/client';
import { fillDown, pasteBlock, rangeTsv, writeClipboard } from './grid-actions';
import type { Range } from './grid-actions';
import type { RowCache } from './row-cache';

export interface Cell {
  r: number;
  c: number;
}

export interface GridKeyDeps {
  cache: RowCache;
  columns: GridColumn[];
  connectionId: string;
  active: Cell;
  range: Range;
  pageRows: number;
  move: (to: Cell, extend: boolean) => void;
  startEdit: (initial: string | null) => void;
  report: (outcomes: (EditOutcome | null)[]) => void;
  fail: (err: unknown) => void;
  /** The grid tools: find and replace, set a field, the record panel, the active column's filter. */
  openTool: (tool: 'findReplace' | 'setField' | 'details' | 'filter') => void;
}

/** How long to wait for the browser's own paste event before reading the clipboard ourselves. */
const PASTE_FALLBACK_MS = 80;

export function useGridKeys(deps: GridKeyDeps) {
  const pasted = useRef(0);
  const paste = (tsv: string) => {
    if (tsv === '') return;
    pasteBlock(deps.cache, deps.columns, deps.range, tsv).then((o) => deps.report([o]), deps.fail);
  };
  const onPaste = (e: ClipboardEvent) => {
    e.preventDefault();
    pasted.current = Date.now();
    paste(e.clipboardData.getData('text/plain'));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const { active, columns } = deps;
    const total = deps.cache.total() ?? 0;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const clampR = (r: number) => Math.max(0, Math.min(total - 1, r));
    // Column -1 is the row number (the gutter): it selects whole rows, Enter opens the record.
    const clampC = (c: number) => Math.max(-1, Math.min(columns.length - 1, c));
    const go = (r: number, c: number) => {
      e.preventDefault();
      deps.move({ r: clampR(r), c: clampC(c) }, e.shiftKey);
    };
    // Cmd+H hides the app on macOS, so Cmd+Option+F opens find and replace there (shortcuts.ts);
    // Option changes e.key on a Mac, so the physical key is read.
    if ((mod && !e.shiftKey && key === 'h') || (e.metaKey && e.altKey && !e.shiftKey && e.code === 'KeyF')) {
      e.preventDefault();
      deps.openTool('findReplace');
    } else if (mod && e.shiftKey && key === 'e') {
      e.preventDefault();
      deps.openTool('setField');
    } else if (mod && !e.shiftKey && key === 'i') {
      e.preventDefault();
      deps.openTool('details');
    } else if (e.altKey && e.key === 'ArrowDown') {
      e.preventDefault();
      deps.openTool('filter');
    } else if (mod && key === 'c') {
      e.preventDefault();
      rangeTsv(deps.cache, columns, deps.range).then(writeClipboard).catch(deps.fail);
    } else if (mod && key === 'v') {
      // Let the paste event carry the text; read the clipboard only if none arrives (desktop menus).
      const at = Date.now();
      setTimeout(() => {
        if (pasted.current >= at) return;
        navigator.clipboard.readText().then(paste, deps.fail);
      }, PASTE_FALLBACK_MS);
    } else if (mod && key === 'd') {
      e.preventDefault();
      fillDown(deps.cache, columns, deps.range).then(deps.report, deps.fail);
    } else if (mod && (key === 'z' || key === 'y')) {
      e.preventDefault();
      const redo = key === 'y' || e.shiftKey;
      api
        .invoke(redo ? 'edits:redo' : 'edits:undo', { connectionId: deps.connectionId })
        .then(() => deps.report([]), deps.fail);
    } else if (e.key === 'ArrowDown') go(active.r + 1, active.c);
    else if (e.key === 'ArrowUp') go(active.r - 1, active.c);
    else if (e.key === 'ArrowRight') go(active.r, active.c + 1);
    else if (e.key === 'ArrowLeft') go(active.r, active.c - 1);
    else if (e.key === 'PageDown') go(active.r + deps.pageRows, active.c);
    else if (e.key === 'PageUp') go(active.r - deps.pageRows, active.c);
    else if (e.key === 'Home') go(mod ? 0 : active.r, 0);
    else if (e.key === 'End') go(mod ? total - 1 : active.r, columns.length - 1);
    else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      if (active.c < 0) deps.openTool('details');
      else deps.startEdit(null);
    } else if (!mod && !e.altKey && e.key.length === 1) {
      e.preventDefault();
      deps.startEdit(e.key);
    }
  };
  return { onKeyDown, onPaste };
}

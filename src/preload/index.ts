/**
 * The sandboxed preload. Built as one CommonJS file with everything inlined (a sandboxed preload
 * can require nothing but a few Electron modules), it exposes `window.steward` and nothing else,
 * and forwards the paths of files dropped on the window to main (drop.ts).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';
import { installDropBridge } from './drop';
import type { DropTarget } from './drop';

const bridge = createBridge(ipcRenderer);

// Fresh functions on a plain object: contextBridge copies them, so the page never gets a handle on
// the bridge's closure state or on ipcRenderer.
contextBridge.exposeInMainWorld('steward', {
  invoke: (channel: string, input?: unknown) => bridge.invoke(channel, input),
  on: (event: string, listener: (payload: unknown) => void) => bridge.on(event, listener),
});

// The preload's global is the window (in its isolated world: the page cannot replace these listeners).
const target = globalThis as unknown as Partial<DropTarget>;
if (typeof target.addEventListener === 'function') {
  installDropBridge(target as DropTarget, webUtils, ipcRenderer);
}

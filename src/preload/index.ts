/**
 * The sandboxed preload. Built as one CommonJS file with everything inlined (a sandboxed preload
 * can require nothing but a few Electron modules), it exposes `window.steward` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

const bridge = createBridge(ipcRenderer);

// Fresh functions on a plain object: contextBridge copies them, so the page never gets a handle on
// the bridge's closure state or on ipcRenderer.
contextBridge.exposeInMainWorld('steward', {
  invoke: (channel: string, input?: unknown) => bridge.invoke(channel, input),
  on: (event: string, listener: (payload: unknown) => void) => bridge.on(event, listener),
});

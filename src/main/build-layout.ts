/**
 * Where the desktop build puts each piece, relative to the built main script (out/main/index.js).
 * electron.vite.config.ts writes to these places and index.ts loads from them; a test keeps the two
 * in step.
 */
export const OUT_DIRS = { main: 'out/main', preload: 'out/preload', renderer: 'out/renderer' } as const;
export const PRELOAD_FROM_MAIN = '../preload/index.cjs';
export const CORE_HOST_FROM_MAIN = './core-host.js';
export const RENDERER_FROM_MAIN = '../renderer';

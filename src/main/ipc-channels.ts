/** The IPC channels between preload and main. No imports: the sandboxed preload bundles this. */
export const INVOKE_CHANNEL = 'steward:invoke';
export const EVENT_CHANNEL = 'steward:event';
/** Preload → main only: paths of files dropped on the window (webUtils.getPathForFile). */
export const DROP_CHANNEL = 'steward:drop';

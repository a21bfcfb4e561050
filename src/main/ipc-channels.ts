/** The two IPC channels between preload and main. No imports: the sandboxed preload bundles this. */
export const INVOKE_CHANNEL = 'steward:invoke';
export const EVENT_CHANNEL = 'steward:event';

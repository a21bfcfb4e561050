/** Remote import jobs: the tracker, its status model and its wire shapes. */
export { createImportTracker } from './tracker';
export type { FollowOptions, ImportTracker, ImportTrackerDeps } from './tracker';
export type { TrackerEmit, TrackerEvents, TrackerLog } from './context';
export { DEFAULT_TIMING } from './schedule';
export type { PollTiming } from './schedule';
export { buildImportRequest, formatOf } from './files';
export type { ImportFilesInput } from './files';
export { observe, stageLabel, finalMessage, MAX_ISSUES } from './status-model';
export * from './schema';

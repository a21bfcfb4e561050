/** The durable upload queue (DESIGN.md, Push): see service.ts for the entry point. */
export { createPushService } from './service';
export type { PushService } from './service';
export { createPushHandlers } from './handlers';
export type { PushHandlerContext } from './handlers';
export type {
  BatchInfo,
  DryRunRequest,
  DryRunResult,
  PushOptions,
  PushProgress,
  PushRunResult,
  PushRunStatus,
  PushServiceDeps,
} from './types';

/**
 * What the tracker's parts share: the database, time, the event sink and the cache of live
 * connectors. Kept in one object so poll-job.ts and publish.ts stay plain functions.
 */
import type { Kysely } from 'kysely';
import type { ActivityEntry } from '../../shared/domain';
import type { Connector } from '../connectors/types';
import type { DB } from '../db/schema';
import type { ImportJobDetail, ImportJobNotice, ImportJobSummary } from './schema';
import type { PollTiming } from './schedule';

/** The events the tracker raises; `job:*` are to be added to the contract (schema.ts importEvents). */
export interface TrackerEvents {
  'job:updated': ImportJobSummary;
  'job:finished': ImportJobNotice;
  'job:stuck': ImportJobNotice;
  'activity:updated': ActivityEntry;
}

/**
 * One signature per event rather than one generic signature: core's bus `emit` (contract `Emit`)
 * is then assignable as it is once the `job:*` events are in the contract.
 */
export interface TrackerEmit {
  (event: 'job:updated', payload: ImportJobSummary): void;
  (event: 'job:finished', payload: ImportJobNotice): void;
  (event: 'job:stuck', payload: ImportJobNotice): void;
  (event: 'activity:updated', payload: ActivityEntry): void;
}

export type TrackerLog = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown) => void;

export interface Follower {
  onUpdate?: (job: ImportJobSummary) => void;
  resolve: (job: ImportJobDetail) => void;
  reject: (err: unknown) => void;
}

export interface TrackerContext {
  db: Kysely<DB>;
  now: () => Date;
  timing: PollTiming;
  emit: TrackerEmit;
  log: TrackerLog;
  /** Aborts when the tracker closes: every request and wait stops. */
  signal: AbortSignal;
  connectorOf(connectionId: string): Promise<Connector>;
  /** Drops a cached connector, e.g. after refused credentials, so the next poll reads them again. */
  forgetConnector(connectionId: string): void;
  followers: Map<number, Set<Follower>>;
}

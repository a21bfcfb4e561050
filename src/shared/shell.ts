/**
 * Payloads of the messages only the desktop shell speaks (file tokens, updates, system notices):
 * zod schemas like the contract's, shared by main, the preload and the renderer (which checks every
 * shell event with them before use). No `electron` and no Node import: the sandboxed preload and the
 * renderer bundle this file.
 */
import { z } from 'zod';
import { IsoTime, UpdateChannel } from './domain';

export { UpdateChannel };
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/** An opaque handle on a file the user chose (drop, open or save dialog); the path stays in main. */
export const FileToken = z.string().regex(/^ft_[A-Za-z0-9_-]{22,64}$/);
export type FileToken = z.infer<typeof FileToken>;

/** What the renderer learns about a file: never its path. */
export const FileRef = z.strictObject({
  token: FileToken,
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
});
export type FileRef = z.infer<typeof FileRef>;

export const RejectedFile = z.strictObject({
  name: z.string().max(255),
  reason: z.string().max(500),
});
export type RejectedFile = z.infer<typeof RejectedFile>;

/** Files the user dropped on the window or picked in the open dialog. */
export const ChosenFiles = z.strictObject({
  files: z.array(FileRef).max(100),
  rejected: z.array(RejectedFile).max(100),
});
export type ChosenFiles = z.infer<typeof ChosenFiles>;

/** Kinds of file the save dialog offers; each maps to one extension. */
export const SaveKind = z.enum(['csv', 'tsv', 'txt', 'xlsx', 'zip']);
export type SaveKind = z.infer<typeof SaveKind>;

export const UpdateStatus = z.enum([
  /** Not packaged, unsupported platform or switched off by the administrator. */
  'disabled',
  'idle',
  'checking',
  'downloading',
  /** Downloaded: the renderer offers "Restart to update". */
  'ready',
  /** The user asked to restart, but uploads are in flight: it installs once the queue is idle. */
  'waiting',
  'installing',
  'error',
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const UpdateState = z.strictObject({
  status: UpdateStatus,
  channel: UpdateChannel,
  currentVersion: z.string(),
  /** The version being downloaded or ready to install. */
  version: z.string().nullable(),
  percent: z.number().min(0).max(100).nullable(),
  lastCheckedAt: IsoTime.nullable(),
  /** Why updates are disabled, or the last error, for the person reading it. */
  message: z.string().nullable(),
});
export type UpdateState = z.infer<typeof UpdateState>;

/** A message main needs the user to see (e.g. secrets stored with a weak Linux backend). */
export const Notice = z.strictObject({
  id: z.string().min(1).max(100),
  level: z.enum(['info', 'warning', 'error']),
  title: z.string().max(200),
  message: z.string().max(2000),
});
export type Notice = z.infer<typeof Notice>;

/** Events main itself (not core) sends to the renderer, besides the contract's `menu:command`. */
export const FILES_DROPPED_EVENT = 'files:dropped';
export const UPDATE_STATE_EVENT = 'app:updateState';
export const SYSTEM_NOTICE_EVENT = 'system:notice';

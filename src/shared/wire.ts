/** Message frames of the WebSocket transport (web shell) and the core host channel (desktop shell). */
import { z } from 'zod';
import { ResultSchema } from './result';

export const RequestFrame = z.strictObject({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

/** A reply to a request; id -1 answers a frame too malformed to carry an id. */
export const ReplyFrame = z.strictObject({
  type: z.literal('reply'),
  id: z.number().int().min(-1),
  result: ResultSchema,
});
export type ReplyFrame = z.infer<typeof ReplyFrame>;

export const EventFrame = z.strictObject({
  type: z.literal('event'),
  event: z.string(),
  payload: z.unknown(),
});
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.discriminatedUnion('type', [ReplyFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Largest frame a transport accepts from a client; bigger ones are refused before parsing. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** WebSocket subprotocols: the version, and the per-run secret (kept out of URLs and logs). */
export const WS_PROTOCOL = 'steward.v1';
export const WS_SECRET_PREFIX = 'steward.secret.';
export const WS_PATH = '/ws';

/**
 * Web shell file transfer (a browser never reveals a dropped file's path): `POST /files` with the
 * bytes as the body uploads a file and answers `UploadReply`; `GET /files/{token}` downloads an
 * export. Both need the per-run secret in FILE_SECRET_HEADER and this origin.
 */
export const FILES_PATH = '/files';
export const FILE_SECRET_HEADER = 'x-steward-secret';
/** The file's name, URI-encoded. */
export const FILE_NAME_HEADER = 'x-file-name';
export const UploadReply = z.strictObject({
  token: z.string().regex(/^ft_[A-Za-z0-9_-]{22,64}$/),
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
});
export type UploadReply = z.infer<typeof UploadReply>;

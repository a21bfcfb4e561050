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

export const ReplyFrame = z.strictObject({
  type: z.literal('reply'),
  id: z.number().int().nonnegative(),
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

import { z } from 'zod';

/** Error codes that cross process boundaries. Each has one meaning for every shell. */
export const ErrorCode = z.enum([
  'invalid_input',
  'unknown_channel',
  'not_found',
  'conflict',
  'forbidden',
  'unavailable',
  'rate_limited',
  'unauthorized',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof WireError>;

/** An error core raises on purpose: its message is written for the person reading it. */
export class StewardError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'StewardError';
    this.code = code;
    this.details = details;
  }
}

export function isStewardError(err: unknown): err is StewardError {
  return err instanceof StewardError;
}

/** Turns anything thrown into a wire error without leaking stack traces. */
export function toWireError(err: unknown): WireError {
  if (isStewardError(err)) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** Formats zod issues as one readable line per problem: `connectionId: expected string, got number`. */
export function describeIssues(error: z.ZodError, root = 'input'): string[] {
  return error.issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
}

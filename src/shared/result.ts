import { z } from 'zod';
import { WireError } from './errors';

/** The shape every reply takes on the wire: one discriminated union, never a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const ResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireError }),
]);

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: WireError): Result<never> {
  return { ok: false, error };
}

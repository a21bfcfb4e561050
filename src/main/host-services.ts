/**
 * What the core host asks of main, over the same parent port as the wire frames: the secrets port
 * (safeStorage is main-process only) and file tokens (the token table lives in main, next to the
 * dialogs and the drop handler). One small request/response protocol, validated on both ends.
 * No `electron` import: both processes load this file.
 */
import { z } from 'zod';
import type { SecretStore } from '../core/secrets/secret-store';
import { StewardError, toWireError } from '../shared/errors';
import { ResultSchema } from '../shared/result';
import type { Result } from '../shared/result';
import type { Timers } from './window-state-store';

const Key = z.string().min(1).max(500);
const Mode = z.enum(['read', 'write']);

/** Each operation's arguments, as a tuple. */
const serviceArgs = {
  'secrets.get': z.tuple([Key]),
  'secrets.set': z.tuple([Key, z.string().max(100_000)]),
  'secrets.delete': z.tuple([Key]),
  'files.resolve': z.tuple([z.string().min(1).max(100), Mode]),
} as const;

export type ServiceOp = keyof typeof serviceArgs;
export const ServiceOp = z.enum(Object.keys(serviceArgs) as [ServiceOp, ...ServiceOp[]]);

/** Host → main. */
export const ServiceRequestFrame = z.strictObject({
  type: z.literal('service'),
  id: z.number().int().nonnegative(),
  op: ServiceOp,
  args: z.array(z.unknown()).max(4),
});
export type ServiceRequestFrame = z.infer<typeof ServiceRequestFrame>;

/** Main → host. */
export const ServiceReplyFrame = z.strictObject({
  type: z.literal('service-reply'),
  id: z.number().int().nonnegative(),
  result: ResultSchema,
});
export type ServiceReplyFrame = z.infer<typeof ServiceReplyFrame>;

/** Resolves a file token to a path for core; throws a StewardError when it cannot. */
export interface FileTokenResolver {
  resolve(token: string, mode: 'read' | 'write'): Promise<string>;
}

/** Main's implementations of the services. */
export interface HostServiceHandlers {
  secrets: SecretStore;
  files: FileTokenResolver;
}

export function isServiceRequest(message: unknown): boolean {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'service'
  );
}

/** Main's side: answers one request frame (null when the message is not one). */
export async function answerServiceRequest(
  message: unknown,
  handlers: HostServiceHandlers,
): Promise<ServiceReplyFrame | null> {
  const frame = ServiceRequestFrame.safeParse(message);
  if (!frame.success) return null;
  const { id, op } = frame.data;
  const args = serviceArgs[op].safeParse(frame.data.args);
  if (!args.success) {
    return {
      type: 'service-reply',
      id,
      result: { ok: false, error: { code: 'invalid_input', message: `Malformed ${op} request.` } },
    };
  }
  let result: Result<unknown>;
  try {
    result = { ok: true, value: await run(op, args.data, handlers) };
  } catch (err) {
    result = { ok: false, error: toWireError(err) };
  }
  return { type: 'service-reply', id, result };
}

async function run(op: ServiceOp, args: readonly unknown[], handlers: HostServiceHandlers): Promise<unknown> {
  switch (op) {
    case 'secrets.get':
      // `undefined` does not survive every transport: null means "no such secret".
      return (await handlers.secrets.get(args[0] as string)) ?? null;
    case 'secrets.set':
      await handlers.secrets.set(args[0] as string, args[1] as string);
      return null;
    case 'secrets.delete':
      await handlers.secrets.delete(args[0] as string);
      return null;
    case 'files.resolve':
      return handlers.files.resolve(args[0] as string, args[1] as 'read' | 'write');
  }
}

export const SERVICE_TIMEOUT_MS = 60_000;

export interface ServiceCaller {
  call(op: ServiceOp, args: unknown[]): Promise<unknown>;
  /** A message from main; true when it was a service reply (handled here). */
  receive(message: unknown): boolean;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The host's side: numbers requests, matches replies, and never waits forever. */
export function createServiceCaller(options: {
  post: (frame: ServiceRequestFrame) => void;
  timers?: Timers;
  timeoutMs?: number;
}): ServiceCaller {
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? SERVICE_TIMEOUT_MS;
  const pending = new Map<number, { resolve(r: Result<unknown>): void; timer: unknown }>();
  let nextId = 0;
  return {
    call(op, args) {
      nextId = nextId >= Number.MAX_SAFE_INTEGER ? 1 : nextId + 1;
      const id = nextId;
      return new Promise<Result<unknown>>((resolve) => {
        const timer = timers.setTimeout(() => {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'unavailable', message: `Main did not answer ${op} in time.` },
          });
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        try {
          options.post({ type: 'service', id, op, args });
        } catch (err) {
          pending.delete(id);
          timers.clearTimeout(timer);
          resolve({ ok: false, error: toWireError(err) });
        }
      }).then((result) => {
        if (result.ok) return result.value;
        throw new StewardError(result.error.code, result.error.message, result.error.details);
      });
    },
    receive(message) {
      const frame = ServiceReplyFrame.safeParse(message);
      if (!frame.success) return false;
      const entry = pending.get(frame.data.id);
      if (entry) {
        pending.delete(frame.data.id);
        timers.clearTimeout(entry.timer);
        entry.resolve(frame.data.result as Result<unknown>);
      }
      return true;
    },
  };
}

/** Core's SecretStore in the host: every call goes to main's safeStorage store. */
export function remoteSecretStore(caller: ServiceCaller): SecretStore {
  return {
    async get(key) {
      const value = await caller.call('secrets.get', [key]);
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value) {
      await caller.call('secrets.set', [key, value]);
    },
    async delete(key) {
      await caller.call('secrets.delete', [key]);
    },
  };
}

/** Core's file-token resolver in the host. */
export function remoteFileTokens(caller: ServiceCaller): FileTokenResolver {
  return {
    async resolve(token, mode) {
      const path = await caller.call('files.resolve', [token, mode]);
      if (typeof path !== 'string')
        throw new StewardError('internal', 'Main returned no path for a file token.');
      return path;
    },
  };
}

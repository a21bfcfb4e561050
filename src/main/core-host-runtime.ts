/**
 * What the core host process does, minus the process: parse its options, start core, answer main's
 * frames, post core's events, close core on shutdown. No `electron` import: the port is passed in.
 */
import { z } from 'zod';
import type { Dispatch } from '../shared/rpc';
import type { WireError } from '../shared/errors';
import { createCoreEndpoint } from './core-peer';
import type { CoreEndpoint } from './core-peer';
import { createServiceCaller } from './host-services';
import type { ServiceCaller } from './host-services';
import type { Log } from './ipc';

/** Options main passes to the host on its command line. */
export const HostOptions = z.strictObject({
  dataDir: z.string().min(1),
  appVersion: z.string().optional(),
  nativeBinding: z.string().min(1).optional(),
});
export type HostOptions = z.infer<typeof HostOptions>;

const ARG_PREFIX = '--steward-core=';

/** One argv entry; base64url JSON so paths with spaces or quotes survive every platform's argv. */
export function encodeHostArgs(options: HostOptions): string[] {
  return [`${ARG_PREFIX}${Buffer.from(JSON.stringify(options), 'utf8').toString('base64url')}`];
}

/** Finds our argument wherever the runtime put it in argv; throws a readable error if absent or bad. */
export function parseHostArgs(argv: readonly string[]): HostOptions {
  const arg = argv.find((a) => a.startsWith(ARG_PREFIX));
  if (!arg) throw new Error(`core host started without ${ARG_PREFIX}…`);
  const json = Buffer.from(arg.slice(ARG_PREFIX.length), 'base64url').toString('utf8');
  return HostOptions.parse(JSON.parse(json));
}

/** The part of Electron's `process.parentPort` the host uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The part of core the host uses (src/core/index.ts `Core`). */
export interface HostedCore {
  dispatch: Dispatch;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export interface RunCoreHostOptions {
  port: ParentPortLike;
  /** Starts core; `services` reaches main's secrets store and file tokens. */
  start: (services: ServiceCaller) => Promise<HostedCore>;
  /** Called after core closed on a shutdown frame (the real host exits the process). */
  exit: (code: number) => void;
  log?: Log;
}

export interface RunningHost {
  endpoint: CoreEndpoint;
  services: ServiceCaller;
  /** Settles when core has started (or failed to). */
  ready: Promise<HostedCore | null>;
}

export function runCoreHost(options: RunCoreHostOptions): RunningHost {
  const { port, log } = options;
  const services = createServiceCaller({ post: (frame) => port.postMessage(frame) });
  let startError: WireError = { code: 'unavailable', message: 'Core failed to start.' };
  const ready = options.start(services).then(
    (core) => core,
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      log?.('error', `core failed to start: ${message}`);
      startError = { code: 'unavailable', message: `Core failed to start: ${message}` };
      return null;
    },
  );
  // Requests that arrive while core starts wait for it; if it never starts they all get the reason,
  // and the host stays up so main does not restart it in a loop over e.g. a read-only data folder.
  const dispatch: Promise<Dispatch> = ready.then((core) =>
    core ? core.dispatch : async () => ({ ok: false as const, error: startError }),
  );
  const endpoint = createCoreEndpoint({
    dispatch,
    send: (frame) => port.postMessage(frame),
    log,
    onShutdown: () => {
      void ready
        .then((core) => core?.close())
        .catch((err: unknown) => log?.('error', `core failed to close: ${String(err)}`))
        .finally(() => options.exit(0));
    },
  });
  void ready.then((core) => core?.onEvent((event, payload) => endpoint.emit(event, payload)));
  port.on('message', (messageEvent) => {
    // Replies to core's own requests (secrets, file tokens) first; everything else is a wire frame.
    if (services.receive(messageEvent.data)) return;
    void endpoint.receive(messageEvent.data);
  });
  return { endpoint, services, ready };
}

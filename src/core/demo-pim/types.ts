/**
 * The demo PIM simulates the five remote systems of ../shared/seeds over loopback HTTP.
 * Each system is a `DemoSystem` mounted under its own path prefix by `http-host.ts`.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type Database from 'better-sqlite3';

export type SystemName = 'wexbo' | 'etim' | 'wizart' | 'broadleaf' | 'printxpand';
/** Everything the host can mount: the five systems plus the demo's own admin API. */
export type MountName = SystemName | 'admin';

export interface DemoRequest {
  method: string;
  /** Full request URL (with the mount prefix). */
  url: URL;
  /** Path below the system's prefix, always starting with `/`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, already read (bounded by the host's body limit). */
  body: Buffer;
  /** True when the body was larger than the host limit; `body` is then empty. */
  bodyTooLarge: boolean;
  raw: IncomingMessage;
}

export interface DemoResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. Undefined sends no body. */
  body?: unknown;
}

export interface DemoContext {
  /** The demo PIM's own SQLite database (not the app's mirror). */
  sqlite: Database.Database;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now: () => number;
  /** Base URL of this system's mount, e.g. `http://127.0.0.1:4567/wizart/api/v1`. */
  baseUrl: string;
  /**
   * Per-record rejection scripted through the admin API: the message to return for this record
   * (an id or sku, as a string) in the system's own per-record error format, or undefined.
   * Optional so that a system can be hosted without the demo PIM's fault layer.
   */
  rejectionFor?: (recordKey: string) => string | undefined;
}

export interface DemoMount {
  name: MountName;
  /** Mount prefix, e.g. `/wizart/api/v1`. */
  prefix: string;
  handle(req: DemoRequest, ctx: DemoContext): Promise<DemoResponse> | DemoResponse;
  /**
   * Optional: how this system words an error it did not produce itself (maintenance, injected
   * 429/500/503). Without it the fault layer answers `{ "error": message }` as JSON.
   */
  errorReply?(status: number, message: string): DemoResponse;
  /** Optional: the endpoint name request counters file this request under (default `METHOD /path`). */
  endpointOf?(req: DemoRequest): string;
}

export interface DemoSystem extends DemoMount {
  name: SystemName;
}

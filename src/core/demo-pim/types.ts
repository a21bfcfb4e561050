/**
 * The demo PIM simulates the five remote systems of ../shared/seeds over loopback HTTP.
 * Each system is a `DemoSystem` mounted under its own path prefix by `http-host.ts`.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type Database from 'better-sqlite3';

export type SystemName = 'wexbo' | 'etim' | 'wizart' | 'broadleaf' | 'printxpand';

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
}

export interface DemoSystem {
  name: SystemName;
  /** Mount prefix, e.g. `/wizart/api/v1`. */
  prefix: string;
  handle(req: DemoRequest, ctx: DemoContext): Promise<DemoResponse> | DemoResponse;
}

/**
 * The IPC binding of the contract. One invoke channel carries every call: the sender is checked
 * (main frame of the app origin), the payload is validated against the contract (or, for the
 * shell's own channels, against shell-channels.ts) BEFORE anything runs, and the reply is always a
 * `Result`, so nothing throws across IPC. The one other message, dropped-file paths from the
 * preload, gets the same sender check.
 */
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { checkRequest, checkEvent } from '../shared/rpc';
import type { Channel } from '../shared/contract';
import { toWireError } from '../shared/errors';
import type { Result } from '../shared/result';
import { isTrustedAppUrl } from './app-url';
import { checkShellEvent, isShellEventName } from './shell-events';
import { checkShellRequest, dispatchShell, isShellChannel } from './shell-channels';
import type { ShellHandlers } from './shell-channels';

import { DROP_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

export { DROP_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL };

export type Log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown) => void;

/** The part of an invoke event the sender check reads. */
export interface SenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of `ipcMain` we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type Forward = (channel: Channel, input: unknown) => Promise<Result<unknown>>;

/**
 * Trusted = the message comes from a live frame that is the top frame of its page (sub-frames
 * never speak to core) and that frame shows the app (or the dev server in development).
 */
export function isTrustedSender(event: SenderEvent, devServerUrl?: string): boolean {
  let frame: SenderEvent['senderFrame'];
  try {
    // Reading senderFrame after the frame navigated or was destroyed can throw in Electron.
    frame = event.senderFrame;
  } catch {
    return false;
  }
  if (!frame || frame.parent !== null) return false;
  return isTrustedAppUrl(frame.url, devServerUrl);
}

export interface BindIpcOptions {
  forward: Forward;
  isTrustedSender: (event: SenderEvent) => boolean;
  /** The channels main answers itself (dialogs, updates, notices); absent → unknown channel. */
  shell?: ShellHandlers;
  log?: Log;
}

/** Handles one raw invoke; exported so it can be tested without an ipcMain. */
export async function handleInvoke(
  event: SenderEvent,
  channel: unknown,
  input: unknown,
  options: BindIpcOptions,
): Promise<Result<unknown>> {
  if (!options.isTrustedSender(event)) {
    options.log?.('warn', 'IPC from an untrusted sender refused', {
      channel: typeof channel === 'string' ? channel.slice(0, 100) : typeof channel,
    });
    return { ok: false, error: { code: 'forbidden', message: 'This window may not call PIM Steward core.' } };
  }
  if (options.shell && isShellChannel(channel)) {
    const checked = checkShellRequest(channel, input);
    if (!checked.ok) return checked;
    try {
      return await dispatchShell(options.shell, checked.value.channel, checked.value.input);
    } catch (err) {
      return { ok: false, error: toWireError(err) };
    }
  }
  const checked = checkRequest(channel, input);
  if (!checked.ok) return checked;
  try {
    return await options.forward(checked.value.channel, checked.value.input);
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}

/** Registers the invoke handler; returns a function that removes it. */
export function bindIpc(ipcMain: IpcMainLike, options: BindIpcOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, channel, input) => handleInvoke(event, channel, input, options));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** The part of `ipcMain` that takes one-way messages. */
export interface IpcMainEventsLike {
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
}

/** More paths than this in one drop is not a user's drop. */
export const MAX_DROPPED_PATHS = 1000;

export interface BindDropOptions {
  isTrustedSender: (event: SenderEvent) => boolean;
  /** Paths the preload read with webUtils.getPathForFile; still unchecked strings. */
  onPaths: (paths: string[]) => void;
  log?: Log;
}

/** Handles one raw drop message; exported so it can be tested without an ipcMain. */
export function handleDrop(event: SenderEvent, paths: unknown, options: BindDropOptions): boolean {
  if (!options.isTrustedSender(event)) {
    options.log?.('warn', 'dropped files from an untrusted sender refused');
    return false;
  }
  if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_DROPPED_PATHS) return false;
  if (!paths.every((p): p is string => typeof p === 'string')) return false;
  options.onPaths(paths);
  return true;
}

/** Listens for dropped files from the preload; returns a function that stops listening. */
export function bindDropIpc(ipcMain: IpcMainEventsLike, options: BindDropOptions): () => void {
  const listener = (event: IpcMainEvent, paths: unknown): void => void handleDrop(event, paths, options);
  ipcMain.on(DROP_CHANNEL, listener);
  return () => void ipcMain.removeListener(DROP_CHANNEL, listener);
}

/** The part of `webContents` events are sent to. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

export interface EventSender {
  /** A core event: validated against the contract, dropped (and logged) when invalid. */
  core(event: unknown, payload: unknown): boolean;
  /** An event main raises itself (menu, dropped files, updates, notices): validated against shell-events. */
  shell(event: unknown, payload: unknown): boolean;
}

export function createEventSender(
  target: () => EventTarget | null,
  options: { devServerUrl?: string; log?: Log } = {},
): EventSender {
  const deliver = (event: string, payload: unknown): boolean => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return false;
    // Only a window that still shows the app hears about core.
    if (!isTrustedAppUrl(contents.getURL(), options.devServerUrl)) return false;
    contents.send(EVENT_CHANNEL, event, payload);
    return true;
  };
  return {
    core(event, payload) {
      // Core never speaks for the menu: shell events are main's alone.
      const checked = isShellEventName(event) ? null : checkEvent(event, payload);
      if (!checked) {
        options.log?.('warn', 'Dropped an invalid core event', { event: String(event).slice(0, 100) });
        return false;
      }
      return deliver(checked.event, checked.payload);
    },
    shell(event, payload) {
      const checked = checkShellEvent(event, payload);
      if (!checked) {
        options.log?.('warn', 'Dropped an invalid shell event', { event: String(event).slice(0, 100) });
        return false;
      }
      return deliver(checked.event, checked.payload);
    },
  };
}

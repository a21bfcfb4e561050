/**
 * Events that main itself (not core) sends to the renderer. `menu:command` is in the shared
 * contract; the others are defined in src/shared/shell.ts. Core may never
 * raise any of them (ipc.ts drops them). No `electron` import here: the preload bundles it.
 */
import type { z } from 'zod';
import { checkEvent } from '../shared/rpc';
import {
  ChosenFiles,
  FILES_DROPPED_EVENT,
  Notice,
  SYSTEM_NOTICE_EVENT,
  UPDATE_STATE_EVENT,
  UpdateState,
} from '../shared/shell';

export { MenuCommand } from '../shared/domain';
export type { MenuCommand as MenuCommandType } from '../shared/domain';

export const MENU_COMMAND_EVENT = 'menu:command';
/** Files dropped on the window (`{ files, rejected }`), the update state, and system notices. */
export { FILES_DROPPED_EVENT, UPDATE_STATE_EVENT, SYSTEM_NOTICE_EVENT };

const localEvents: Readonly<Record<string, z.ZodType>> = {
  [FILES_DROPPED_EVENT]: ChosenFiles,
  [UPDATE_STATE_EVENT]: UpdateState,
  [SYSTEM_NOTICE_EVENT]: Notice,
};

export type ShellEventName =
  | typeof MENU_COMMAND_EVENT
  | typeof FILES_DROPPED_EVENT
  | typeof UPDATE_STATE_EVENT
  | typeof SYSTEM_NOTICE_EVENT;

export const SHELL_EVENT_NAMES: readonly ShellEventName[] = [
  MENU_COMMAND_EVENT,
  FILES_DROPPED_EVENT,
  UPDATE_STATE_EVENT,
  SYSTEM_NOTICE_EVENT,
];

export function isShellEventName(name: unknown): name is ShellEventName {
  return typeof name === 'string' && (SHELL_EVENT_NAMES as readonly string[]).includes(name);
}

/** Validates a shell event; null when invalid, like `checkEvent` for core events. */
export function checkShellEvent(
  event: unknown,
  payload: unknown,
): { event: string; payload: unknown } | null {
  if (!isShellEventName(event)) return null;
  if (event === MENU_COMMAND_EVENT) return checkEvent(event, payload);
  const schema = localEvents[event];
  const parsed = schema?.safeParse(payload);
  return parsed?.success ? { event, payload: parsed.data } : null;
}

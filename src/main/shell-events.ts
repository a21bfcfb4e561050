/**
 * Events that main itself (not core) sends to the renderer. No `electron` import here: the preload
 * bundles this file to know which names it may deliver.
 *
 * TODO(lead): move `MenuCommandEvent` into src/shared/contract.ts `events` as 'menu:command' so the
 * renderer can type its listener; then SHELL_EVENT_NAMES can go.
 */
import { z } from 'zod';

export const MENU_COMMAND_EVENT = 'menu:command';

/** App-level menu commands the renderer carries out (main cannot: they are UI flows). */
export const MenuCommand = z.enum([
  'sync:now',
  'changes:push',
  'import:openFile',
  'go:catalog',
  'go:changes',
  'go:import',
  'go:activity',
  'go:connections',
  'go:settings',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

export const MenuCommandEvent = z.strictObject({ command: MenuCommand });
export type MenuCommandEvent = z.infer<typeof MenuCommandEvent>;

export const shellEvents = {
  [MENU_COMMAND_EVENT]: MenuCommandEvent,
} as const satisfies Record<string, z.ZodType>;

export const SHELL_EVENT_NAMES: readonly string[] = Object.keys(shellEvents);

export function isShellEventName(name: unknown): name is keyof typeof shellEvents {
  return typeof name === 'string' && Object.hasOwn(shellEvents, name);
}

/** Validates a shell event; null when invalid, like `checkEvent` for core events. */
export function checkShellEvent(event: unknown, payload: unknown): { event: string; payload: unknown } | null {
  if (!isShellEventName(event)) return null;
  const parsed = shellEvents[event].safeParse(payload);
  return parsed.success ? { event, payload: parsed.data } : null;
}

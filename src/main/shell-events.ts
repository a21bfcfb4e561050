/**
 * Events that main itself (not core) sends to the renderer. Their schemas live in the shared
 * contract like every other event; this file only names the ones main may raise. No `electron`
 * import here: the preload bundles it.
 */
import { checkEvent } from '../shared/rpc';

export { MenuCommand } from '../shared/domain';
export type { MenuCommand as MenuCommandType } from '../shared/domain';

export const MENU_COMMAND_EVENT = 'menu:command';

export const SHELL_EVENT_NAMES: readonly string[] = [MENU_COMMAND_EVENT];

export function isShellEventName(name: unknown): name is typeof MENU_COMMAND_EVENT {
  return name === MENU_COMMAND_EVENT;
}

/** Validates a shell event; null when invalid, like `checkEvent` for core events. */
export function checkShellEvent(event: unknown, payload: unknown): { event: string; payload: unknown } | null {
  return isShellEventName(event) ? checkEvent(event, payload) : null;
}

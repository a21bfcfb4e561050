/**
 * The desktop shell's own channels and events (src/shared/shell.ts), for the renderer: updates and
 * system notices. They exist only behind the preload bridge; in the web shell every call answers
 * "not available" and nothing is subscribed. Every payload is checked with the shared schemas.
 */
import { z } from 'zod';
import { Notice, SYSTEM_NOTICE_EVENT, UPDATE_STATE_EVENT, UpdateState } from '../../../shared/shell';

export const shellAvailable = (): boolean => window.steward !== undefined;

async function call<T>(channel: string, schema: z.ZodType<T>): Promise<T> {
  const bridge = window.steward;
  if (!bridge) throw new Error('Only the desktop app has this.');
  const result = await bridge.invoke(channel, {});
  if (!result.ok) throw new Error(result.error.message);
  return schema.parse(result.value);
}

export const getUpdateState = () => call('app:getUpdateState', UpdateState);
export const checkForUpdates = () => call('app:checkForUpdates', UpdateState);
export const installUpdate = () => call('app:installUpdate', UpdateState);
export const getNotices = () => call('system:getNotices', z.array(Notice));

function subscribe<T>(event: string, schema: z.ZodType<T>, listener: (value: T) => void): () => void {
  const bridge = window.steward;
  if (!bridge) return () => undefined;
  return bridge.on(event, (payload) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  });
}

export const onUpdateState = (listener: (state: UpdateState) => void) =>
  subscribe(UPDATE_STATE_EVENT, UpdateState, listener);
export const onNotice = (listener: (notice: Notice) => void) =>
  subscribe(SYSTEM_NOTICE_EVENT, Notice, listener);

/**
 * Binds the contract to a set of handlers, transport-free. Electron main, the core host process and
 * the web host all dispatch through here, so every shell validates the same way: input parsed before
 * the handler runs, output parsed before it leaves, errors turned into a `Result`.
 */
import type { z } from 'zod';
import { channels, isChannel, events, isEventName } from './contract';
import type { Channel, ChannelInput, ChannelOutput, Handlers, EventName, EventPayload } from './contract';
import { StewardError, describeIssues, toWireError } from './errors';
import type { Result } from './result';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export function parseInput<C extends Channel>(
  channel: C,
  input: unknown,
): { ok: true; value: unknown } | { ok: false; message: string; issues: string[] } {
  const parsed = channels[channel].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = describeIssues(parsed.error);
  return { ok: false, message: `Invalid input for ${channel}: ${issues.join('; ')}`, issues };
}

/** Checks a raw (channel, input) pair without running anything: used by shells before forwarding. */
export function checkRequest(channel: unknown, input: unknown): Result<{ channel: Channel; input: unknown }> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: { code: 'unknown_channel', message: `Unknown channel: ${JSON.stringify(channel)}` },
    };
  }
  const parsed = parseInput(channel, input);
  if (!parsed.ok) {
    return { ok: false, error: { code: 'invalid_input', message: parsed.message, details: parsed.issues } };
  }
  return { ok: true, value: { channel, input: parsed.value } };
}

export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, input) => {
    const checked = checkRequest(channel, input);
    if (!checked.ok) return checked;
    const name = checked.value.channel;
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(checked.value.input);
      const out = channels[name].output.safeParse(value);
      if (!out.success) {
        const issues = describeIssues(out.error, 'output');
        return {
          ok: false,
          error: { code: 'internal', message: `Core returned an invalid reply for ${name}`, details: issues },
        };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      return { ok: false, error: toWireError(err) };
    }
  };
}

/** Validates an event before it crosses a boundary; returns null (and never throws) when invalid. */
export function checkEvent<E extends EventName>(
  event: unknown,
  payload: unknown,
): { event: E; payload: EventPayload<E> } | null {
  if (!isEventName(event)) return null;
  const parsed = (events[event] as z.ZodType).safeParse(payload);
  return parsed.success ? { event: event as E, payload: parsed.data as EventPayload<E> } : null;
}

/** A typed caller over any Dispatch: the value on success, a thrown StewardError otherwise. */
export function createCaller(dispatch: Dispatch) {
  return async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await dispatch(channel, input);
    if (result.ok) return result.value as ChannelOutput<C>;
    throw new StewardError(result.error.code, result.error.message, result.error.details);
  };
}
export type Caller = ReturnType<typeof createCaller>;

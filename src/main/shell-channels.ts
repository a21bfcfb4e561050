/**
 * Invoke channels main answers itself, without core: native dialogs (which hand out file tokens),
 * updates and system notices. They share the one IPC invoke channel and its sender check with the
 * contract's channels (ipc.ts); their inputs are validated here the same way before any handler
 * runs. Defined here until they move into src/shared/contract.ts.
 */
import { z } from 'zod';
import { describeIssues } from '../shared/errors';
import type { Result } from '../shared/result';
import { ChosenFiles, FileRef, FileToken, Notice, SaveKind, UpdateState } from './shell-schemas';

const NoInput = z.strictObject({});

export const shellChannels = {
  'files:openDialog': {
    input: z.strictObject({
      title: z.string().trim().min(1).max(200).optional(),
      multiple: z.boolean().default(true),
    }),
    output: ChosenFiles,
    description: 'Native open dialog; the chosen files come back as tokens.',
  },
  'files:saveDialog': {
    input: z.strictObject({
      /** File name only; anything that looks like a folder is dropped. */
      suggestedName: z.string().trim().min(1).max(200),
      kind: SaveKind,
      title: z.string().trim().min(1).max(200).optional(),
    }),
    output: FileRef.omit({ size: true }).nullable(),
    description: 'Native save dialog; the chosen target comes back as a write token (null if cancelled).',
  },
  'files:forget': {
    input: z.strictObject({ token: FileToken }),
    output: z.object({ forgotten: z.boolean() }),
    description: 'Drops a file token the renderer no longer needs.',
  },
  'app:getUpdateState': {
    input: NoInput,
    output: UpdateState,
    description: 'Where the updater is: idle, downloading, ready to restart…',
  },
  'app:checkForUpdates': {
    input: NoInput,
    output: UpdateState,
    description: 'Checks now (the app also checks at start and every few hours).',
  },
  'app:installUpdate': {
    input: NoInput,
    output: UpdateState,
    description: 'Restart to update; waits until no upload is in flight.',
  },
  'system:getNotices': {
    input: NoInput,
    output: z.array(Notice),
    description: 'Notices raised before the page subscribed (e.g. weak secret storage on Linux).',
  },
} as const;

export type ShellChannels = typeof shellChannels;
export type ShellChannel = keyof ShellChannels;
export type ShellInput<C extends ShellChannel> = z.output<ShellChannels[C]['input']>;
export type ShellOutput<C extends ShellChannel> = z.input<ShellChannels[C]['output']>;

export type ShellHandlers = {
  [C in ShellChannel]: (input: ShellInput<C>) => Promise<ShellOutput<C>>;
};

export function isShellChannel(name: unknown): name is ShellChannel {
  return typeof name === 'string' && Object.hasOwn(shellChannels, name);
}

/** Validates a shell call's input; a failure has the same shape as `checkRequest`'s. */
export function checkShellRequest(
  channel: ShellChannel,
  input: unknown,
): Result<{ channel: ShellChannel; input: unknown }> {
  const parsed = shellChannels[channel].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: { channel, input: parsed.data } };
  const issues = describeIssues(parsed.error);
  return {
    ok: false,
    error: {
      code: 'invalid_input',
      message: `Invalid input for ${channel}: ${issues.join('; ')}`,
      details: issues,
    },
  };
}

/** Runs a checked shell call and checks what the handler returns, like core's dispatcher does. */
export async function dispatchShell(
  handlers: ShellHandlers,
  channel: ShellChannel,
  input: unknown,
): Promise<Result<unknown>> {
  const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
  const value = await handler(input);
  const out = shellChannels[channel].output.safeParse(value);
  if (!out.success) {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `Main returned an invalid reply for ${channel}`,
        details: describeIssues(out.error, 'output'),
      },
    };
  }
  return { ok: true, value: out.data };
}

/**
 * `steward`: the headless shell. The same core as the desktop and web shells, for scheduled syncs
 * and validation in scripts. Exit codes: 0 ok, 1 failure or invalid data, 2 usage error.
 */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { createCore } from '../core';
import type { Core } from '../core';
import { defaultDataDir } from '../shared/data-dir';
import { isStewardError } from '../shared/errors';
import { infoCommand } from './commands/info';
import { EXIT_FAILURE, EXIT_USAGE, UsageError } from './io';
import type { CliIo } from './io';

export const HELP = `Usage: steward [--data-dir DIR] <command> [options]

PIM Steward from the command line: the same local mirror as the desktop app.

Commands:
  info [--json]        Data folder, schema version and connections

Global options:
  --data-dir DIR       Data folder (default: the desktop app's, or $STEWARD_DATA_DIR)
  -h, --help           Show this help

Exit codes: 0 ok, 1 failure or invalid data, 2 usage error.
`;

interface Command {
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(
    core: Core,
    io: CliIo,
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  info: {
    options: { json: { type: 'boolean' } },
    run: (core, io, values) => infoCommand(core, io, { json: values.json === true }),
  },
};

function splitGlobal(argv: string[]): { dataDir?: string; help: boolean; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value || value.startsWith('-')) throw new UsageError('--data-dir needs a folder path');
      dataDir = value;
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else if ((arg === '--help' || arg === '-h') && rest.length === 0) {
      help = true;
    } else {
      rest.push(arg);
    }
  }
  return { dataDir, help, rest };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let core: Core | undefined;
  try {
    const global = splitGlobal(argv);
    const [name, ...args] = global.rest;
    if (global.help || name === 'help') {
      io.out(HELP);
      return 0;
    }
    if (!name) {
      io.err(HELP);
      return EXIT_USAGE;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command "${name}". Run \`steward --help\` for the list.`);
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new UsageError(`${name}: ${(err as Error).message}`);
    }
    if (parsed.values.help) {
      io.out(HELP);
      return 0;
    }
    const dataDir = global.dataDir ?? defaultDataDir(process.platform, io.env, homedir());
    core = await createCore({ dataDir });
    return await command.run(core, io, parsed.values, parsed.positionals);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`steward: ${err.message}`);
      return EXIT_USAGE;
    }
    io.err(`steward: ${isStewardError(err) || err instanceof Error ? err.message : String(err)}`);
    return EXIT_FAILURE;
  } finally {
    await core?.close();
  }
}

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
import { int } from './args';
import type { Values } from './args';
import { infoCommand } from './commands/info';
import { connectCommand, connectionsCommand, showCommand, statusCommand } from './commands/connections';
import { conflictsCommand, resolveCommand, syncCommand } from './commands/sync';
import { demoPimCommand } from './commands/demo-pim';
import { validateCommand } from './commands/validate';
import { applyCommand } from './commands/apply';
import { pushCommand, queueCommand } from './commands/push';
import { deleteCommand, editCommand, newCommand, undoCommand } from './commands/edit';
import { positional, str } from './args';
import { importCommand, jobsCommand } from './commands/import';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './io';
import type { CliIo } from './io';

export const HELP = `Usage: steward [--data-dir DIR] <command> [options]

PIM Steward from the command line: the same local mirror as the desktop app.

Commands:
  info [--json]                         Data folder, schema version and connections
  connect NAME --kind KIND --url URL    Add a connection (KIND: wexbo, etim, wizart, broadleaf, printxpand)
      bearer (wexbo, wizart):   --token-env VAR [--token-type T]
      basic (etim, broadleaf):  --user U --password-env VAR
      oauth1 (printxpand):      --consumer-key K --consumer-secret-env VAR
                                --access-token T --access-secret-env VAR
      any:                      --setting key=value (repeatable)
  connections [--json]                  List connections
  sync [NAME…] [--full] [--json]        Pull remote changes into the mirror (all connections by default)
  status [NAME…] [--json]               Records, edits, conflicts, outbox and cursors
  show NAME ENTITY ID [--json]          One mirrored record: base, local, state, conflicts
  conflicts [NAME] [--json]             Open field conflicts
  resolve NAME ENTITY ID PATH --mine|--theirs|--value V
                                        Resolve one field conflict (V is JSON or text)
  import NAME FILE [--images ZIP] [--type TYPE] [--option key=value] [--follow] [--json]
                                        Upload a CSV/XLSX/ZIP to a remote importer (Wizart, Broadleaf);
                                        --follow waits for the end (exit 1 on warnings or failure)
  jobs [NAME] [--json]                  Remote import jobs with stage, status and percent
  edit NAME ENTITY ID PATH=VALUE…       Edit a record (ID: remote id, or #N for mirror record N)
  new NAME ENTITY PATH=VALUE…           A new record, created on the remote by push
  delete NAME ENTITY ID                 Mark a record for deletion on the remote
  undo [NAME]                           Undo the latest edit group
  push [NAME…] [--dry-run] [--json]     Send queued edits; --dry-run prints exactly the requests instead
  queue [NAME] [--json]                 The upload queue: states, attempts, the remote's reasons
  validate FILE [--images ZIP] [--template NAME|PATH] [--connection NAME] [--sheet S] [--header-row N] [--json]
                                        Check a CSV/XLSX (and its image ZIP) against the target's rules
                                        before upload; exit 0 clean, 1 issues found, 2 unreadable
  apply NAME FILE [--images ZIP] [--template NAME|PATH] [--sheet S] [--header-row N] [--dry-run] [--no-create] [--json]
                                        Validate a supplier file and apply its valid rows as local edits
                                        (new rows become new records), queued for push; --dry-run shows
                                        the diff against the mirror; exit 1 when rows were left out
  demo-pim [--port N] [--products N] [--seed S] [--data FILE]
                                        Run the demo PIM (all five systems) until Ctrl+C

Global options:
  --data-dir DIR       Data folder (default: the desktop app's, or $STEWARD_DATA_DIR)
  -h, --help           Show this help

Secrets are never given on the command line: pass the NAME of an environment variable that holds them.
Exit codes: 0 ok, 1 failure or invalid data, 2 usage error.
`;

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
type Run = (core: Core, io: CliIo, values: Values, positionals: string[]) => Promise<number>;

interface Command {
  options: Options;
  run?: Run;
  /** Commands that do not open the data folder. */
  standalone?: (io: CliIo, values: Values, positionals: string[], dataDir: string) => Promise<number>;
}

const json = { json: { type: 'boolean' } } as const;

const COMMANDS: Record<string, Command> = {
  info: { options: json, run: (core, io, values) => infoCommand(core, io, { json: values.json === true }) },
  connect: {
    options: {
      ...json,
      kind: { type: 'string' },
      url: { type: 'string' },
      'token-env': { type: 'string' },
      'token-type': { type: 'string' },
      user: { type: 'string' },
      'password-env': { type: 'string' },
      'consumer-key': { type: 'string' },
      'consumer-secret-env': { type: 'string' },
      'access-token': { type: 'string' },
      'access-secret-env': { type: 'string' },
      setting: { type: 'string', multiple: true },
    },
    run: connectCommand,
  },
  connections: { options: json, run: (core, io, values) => connectionsCommand(core, io, values) },
  sync: { options: { ...json, full: { type: 'boolean' } }, run: syncCommand },
  status: { options: json, run: statusCommand },
  show: { options: json, run: showCommand },
  conflicts: { options: json, run: conflictsCommand },
  resolve: {
    options: { ...json, mine: { type: 'boolean' }, theirs: { type: 'boolean' }, value: { type: 'string' } },
    run: resolveCommand,
  },
  import: {
    options: {
      ...json,
      images: { type: 'string' },
      type: { type: 'string' },
      follow: { type: 'boolean' },
      option: { type: 'string', multiple: true },
    },
    run: (core, io, values, positionals) => importCommand(core, io, values, positionals),
  },
  jobs: { options: json, run: (core, io, values, positionals) => jobsCommand(core, io, values, positionals) },
  push: { options: { ...json, 'dry-run': { type: 'boolean' } }, run: pushCommand },
  queue: { options: json, run: queueCommand },
  edit: { options: json, run: editCommand },
  new: { options: json, run: newCommand },
  delete: { options: json, run: deleteCommand },
  undo: { options: json, run: undoCommand },
  validate: {
    options: {
      ...json,
      images: { type: 'string' },
      template: { type: 'string' },
      connection: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
    },
    // Validation opens the data folder only to store the run and recall mappings.
    standalone: (io, values, positionals, dataDir) => {
      const images = str(values, 'images');
      const template = str(values, 'template');
      const connection = str(values, 'connection');
      const sheet = str(values, 'sheet');
      const headerRow = int(values, 'header-row');
      return validateCommand(
        {
          file: positional(positionals, 0, 'file'),
          json: values.json === true,
          dataDir,
          ...(images ? { images } : {}),
          ...(template ? { template } : {}),
          ...(connection ? { connection } : {}),
          ...(sheet ? { sheet } : {}),
          ...(headerRow !== undefined ? { headerRow } : {}),
        },
        io,
      );
    },
  },
  apply: {
    options: {
      ...json,
      images: { type: 'string' },
      template: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'no-create': { type: 'boolean' },
    },
    run: applyCommand,
  },
  'demo-pim': {
    options: {
      port: { type: 'string' },
      products: { type: 'string' },
      seed: { type: 'string' },
      data: { type: 'string' },
    },
    standalone: async (io, values) => {
      const pim = await demoPimCommand(
        {
          port: int(values, 'port'),
          products: int(values, 'products'),
          seed: int(values, 'seed'),
          data: values.data as string | undefined,
        },
        io.out,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await pim.close();
      return EXIT_OK;
    },
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
      return EXIT_OK;
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
      return EXIT_OK;
    }
    const values = parsed.values as Values;
    const dataDir = global.dataDir ?? defaultDataDir(process.platform, io.env, homedir());
    if (command.standalone) return await command.standalone(io, values, parsed.positionals, dataDir);
    core = await createCore({ dataDir, env: io.env, followImports: false });
    return await (command.run as Run)(core, io, values, parsed.positionals);
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

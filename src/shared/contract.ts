/**
 * The one contract between the renderer and core. Every channel declares a zod input and output;
 * every event a zod payload. Preload, Electron main, the web host and the renderer all derive their
 * types and their runtime checks from this file and nothing else.
 *
 * Channel names are `domain:verbNoun`.
 */
import { z } from 'zod';
import { importChannels, importEvents } from './import-jobs';
import { validationChannels, validationEvents } from './validation';
import {
  DryRunResult,
  PushProgress,
  EditHistoryEntry,
  EditOutcome,
  UndoOutcome,
  ConflictResolution,
  ConnectionDetail,
  ConnectionKind,
  RecordDetail,
  SyncProgress,
  ActivityEntry,
  AppInfo,
  AppStatus,
  CatalogSummary,
  Connection,
  ConflictField,
  ImportJob,
  MenuCommand,
  OutboxItem,
  Settings,
  ValidationRunSummary,
  GridColumn,
  GridWindow,
  RecordState,
} from './domain';

const NoInput = z.strictObject({});
const RecordIds = z.array(z.number().int().positive()).min(1).max(1_000_000);
const Path = z.string().min(1).max(500);
const ByConnection = z.strictObject({ connectionId: z.string().min(1).optional() });

/** A window of the grid's rows: the same query for rows and for the ids of a selection. */
const RowQueryInput = z.strictObject({
  connectionId: z.string().min(1),
  entity: z.string().min(1),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(500),
  /** The column paths to return cells for (the visible columns); all columns when absent. */
  paths: z.array(Path).max(500).optional(),
  sort: z.strictObject({ path: Path, dir: z.enum(['asc', 'desc']) }).optional(),
  filters: z
    .array(z.strictObject({ path: Path, op: z.enum(['contains', 'equals']), value: z.string().max(1000) }))
    .max(50)
    .optional(),
  state: z.array(RecordState).max(6).optional(),
  search: z.string().max(200).optional(),
});

export interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
  description: string;
}

export const channels = {
  'app:getInfo': {
    input: NoInput,
    output: AppInfo,
    description: 'Version, data folder, database file and schema version.',
  },
  'app:getStatus': {
    input: NoInput,
    output: AppStatus,
    description: 'Per-connection state and the counts the status bar shows.',
  },
  'connections:list': {
    input: NoInput,
    output: z.array(Connection),
    description: 'Every configured connection, demo ones included.',
  },
  'connections:create': {
    input: z.strictObject({
      name: z.string().trim().min(1).max(100),
      kind: ConnectionKind,
      baseUrl: z.string().min(1).max(2000),
      settings: z.record(z.string(), z.string()).optional(),
      /** Credential fields (token, password, consumerSecret, accessSecret): to the secrets port only. */
      secrets: z.record(z.string(), z.string()).optional(),
    }),
    output: Connection,
    description: 'Adds a connection; its secrets go to the keychain or encrypted file, never SQLite.',
  },
  'connections:update': {
    input: z.strictObject({
      connectionId: z.string().min(1),
      name: z.string().trim().min(1).max(100).optional(),
      baseUrl: z.string().min(1).max(2000).optional(),
      settings: z.record(z.string(), z.string()).optional(),
      secrets: z.record(z.string(), z.string()).optional(),
    }),
    output: Connection,
    description: 'Changes a connection.',
  },
  'connections:remove': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: z.object({ removed: z.literal(true) }),
    description: 'Removes a connection, its mirror and its secrets.',
  },
  'connections:test': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
    description: 'One authenticated request, never retried.',
  },
  'connections:getDetail': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: ConnectionDetail,
    description: 'Records, edits, conflicts, outbox and cursors of one connection.',
  },
  'sync:start': {
    input: z.strictObject({ connectionId: z.string().min(1).optional(), full: z.boolean().default(false) }),
    output: z.object({ started: z.array(z.string()) }),
    description: 'Starts syncing one connection (or all); progress arrives as sync:progress events.',
  },
  'sync:cancel': {
    input: z.strictObject({ connectionId: z.string().min(1).optional() }),
    output: z.object({ cancelled: z.number().int().nonnegative() }),
    description: 'Stops running syncs; the next sync resumes where they stopped.',
  },
  'records:get': {
    input: z.union([
      z.strictObject({ recordId: z.number().int().positive() }),
      z.strictObject({
        connectionId: z.string().min(1),
        entity: z.string().min(1),
        remoteId: z.string().min(1),
      }),
    ]),
    output: RecordDetail,
    description: 'One mirrored record: base, local, state and conflicts.',
  },
  'conflicts:resolve': {
    input: z.strictObject({
      recordId: z.number().int().positive(),
      path: z.string().min(1),
      choice: z.enum(['mine', 'theirs', 'value']),
      value: z.unknown().optional(),
    }),
    output: ConflictResolution,
    description: 'Resolves one field conflict with mine, theirs or a new value.',
  },
  'edits:apply': {
    input: z.strictObject({
      edits: z
        .array(
          z.strictObject({
            recordId: z.number().int().positive(),
            path: Path,
            value: z.unknown().optional(),
          }),
        )
        .min(1)
        .max(1_000_000),
      label: z.string().max(200).default('Edit'),
    }),
    output: EditOutcome,
    description: 'Applies cell edits as one undoable group (an omitted value removes the field).',
  },
  'edits:setField': {
    input: z.strictObject({ recordIds: RecordIds, path: Path, value: z.unknown() }),
    output: EditOutcome,
    description: 'Sets one field on every selected record.',
  },
  'edits:findReplace': {
    input: z.strictObject({
      recordIds: RecordIds.optional(),
      connectionId: z.string().min(1).optional(),
      entity: z.string().min(1).optional(),
      path: Path,
      pattern: z.string().min(1).max(1000),
      flags: z.string().max(6).default(''),
      replacement: z.string().max(10_000),
      preview: z.boolean().default(true),
    }),
    output: z.object({
      matches: z.number().int().nonnegative(),
      preview: z.array(z.object({ recordId: z.number().int(), before: z.string(), after: z.string() })),
      outcome: EditOutcome.nullable(),
    }),
    description: 'Regular-expression find and replace over a field, with a preview before applying.',
  },
  'edits:fillDown': {
    input: z.strictObject({ recordIds: RecordIds, path: Path }),
    output: EditOutcome,
    description: 'Copies the first selected row’s value down the selection.',
  },
  'edits:pasteTsv': {
    input: z.strictObject({
      recordIds: RecordIds,
      paths: z.array(Path).min(1).max(10_000),
      tsv: z.string().max(50_000_000),
    }),
    output: EditOutcome,
    description: 'Pastes a tab-separated block (from Excel) onto a cell range.',
  },
  'edits:undo': {
    input: z.strictObject({ connectionId: z.string().min(1).optional() }),
    output: UndoOutcome,
    description: 'Undoes the latest edit group.',
  },
  'edits:redo': {
    input: z.strictObject({ connectionId: z.string().min(1).optional() }),
    output: UndoOutcome,
    description: 'Redoes the latest undone edit group.',
  },
  'edits:revert': {
    input: z.strictObject({ recordId: z.number().int().positive(), path: Path.optional() }),
    output: EditOutcome,
    description: 'Reverts a field, or the whole record, to the remote’s value.',
  },
  'records:create': {
    input: z.strictObject({
      connectionId: z.string().min(1),
      entity: z.string().min(1),
      doc: z.record(z.string(), z.unknown()),
    }),
    output: z.object({ recordId: z.number().int() }),
    description: 'A record created offline; sent as a create.',
  },
  'records:delete': {
    input: z.strictObject({ recordId: z.number().int().positive() }),
    output: z.object({ removed: z.boolean(), state: z.string().nullable() }),
    description: 'Marks a record for deletion on the remote (a never-sent record is dropped).',
  },
  'records:restore': {
    input: z.strictObject({ recordId: z.number().int().positive() }),
    output: z.object({ state: z.string() }),
    description: 'Takes back a deletion not sent yet.',
  },
  'records:history': {
    input: z.strictObject({
      recordId: z.number().int().positive(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.array(EditHistoryEntry),
    description: 'The edit journal of one record, newest first.',
  },
  'catalog:getSummary': {
    input: NoInput,
    output: CatalogSummary,
    description: 'Mirrored record counts per connection and entity.',
  },
  'changes:list': {
    input: ByConnection.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(OutboxItem),
    description: 'Pending and recent outbox operations.',
  },
  'conflicts:list': {
    input: ByConnection.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(ConflictField),
    description: 'Open field conflicts (base, mine, theirs).',
  },
  'imports:listJobs': {
    input: ByConnection,
    output: z.array(ImportJob),
    description: 'Remote import jobs, newest first.',
  },
  'validation:listRuns': {
    input: NoInput,
    output: z.array(ValidationRunSummary),
    description: 'Stored validation runs, newest first.',
  },
  'activity:list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(ActivityEntry),
    description: 'Recent syncs, pushes, imports and validations.',
  },
  'settings:get': {
    input: NoInput,
    output: Settings,
    description: 'The user settings.',
  },
  'settings:update': {
    input: Settings.partial().strict(),
    output: Settings,
    description: 'Changes some settings and returns all of them.',
  },
  ...importChannels,
  ...validationChannels,
  // ---- Catalog grid (issue 7): windowed, SQL-backed rows; the renderer never holds the catalog. ----
  'catalog:getColumns': {
    input: z.strictObject({ connectionId: z.string().min(1), entity: z.string().min(1) }),
    output: z.array(GridColumn),
    description: 'The grid columns of an entity: its field rules where known, else inferred from a sample.',
  },
  'catalog:queryRows': {
    input: RowQueryInput,
    output: GridWindow,
    description: 'One window of grid rows with the total matching the same sort, filters and search.',
  },
  'catalog:queryIds': {
    input: RowQueryInput.extend({ limit: z.number().int().min(1).max(1_000_000) }),
    output: z.object({ ids: z.array(z.number().int()), total: z.number().int().nonnegative() }),
    description: 'The record ids of a range of grid rows (a selection), without their cells.',
  },
  'catalog:fieldIndexes': {
    input: z.strictObject({}),
    output: z.array(
      z.object({
        field: z.string(),
        jsonPath: z.string(),
        state: z.enum(['ready', 'building', 'failed']),
        message: z.string().optional(),
      }),
    ),
    description:
      'The document fields with an index for fast filters and sorts (made when one was slow or a filter was opened), ready or being built, and builds that failed.',
  },
  'catalog:dropFieldIndex': {
    input: z.strictObject({ jsonPath: z.string().min(1) }),
    output: z.object({ dropped: z.boolean() }),
    description:
      'Removes the index of a field (writes of records get faster again; filters on the field read every record until it is indexed again).',
  },
  'catalog:prepareFilter': {
    input: z.strictObject({
      connectionId: z.string().min(1),
      entity: z.string().min(1),
      path: z.string().min(1),
    }),
    output: z.object({ indexing: z.boolean(), values: z.array(z.string()).nullable() }),
    description:
      "Says a filter on this field is about to be set (its filter opened): on a large catalog, the field gets an index built in the background while the value is typed. Also the field's distinct values (at most 200, as text) where that is quick (a catalog under 50,000 records, or an indexed field), else null.",
  },
  'push:start': {
    input: z.strictObject({ connectionId: z.string().min(1).optional() }),
    output: z.object({ started: z.array(z.string()) }),
    description:
      'Pushes queued edits of one connection (or every one with pending edits); progress as push:progress.',
  },
  'push:pause': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: z.object({ paused: z.literal(true), wasRunning: z.boolean() }),
    description: 'Stops the push and keeps the connection from sending until resumed.',
  },
  'push:resume': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: z.object({ resumed: z.boolean(), started: z.boolean() }),
    description: 'Lifts a pause (user or 402) and pushes.',
  },
  'push:cancel': {
    input: z.strictObject({ connectionId: z.string().min(1).optional() }),
    output: z.object({ cancelled: z.number().int().nonnegative() }),
    description: 'Stops running pushes; unsent edits stay queued.',
  },
  'push:retryNow': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: z.object({ requeued: z.number().int().nonnegative(), started: z.boolean() }),
    description: 'Sends retrying and rejected operations again now.',
  },
  'push:dryRun': {
    input: z.strictObject({ connectionId: z.string().min(1) }),
    output: DryRunResult,
    description: 'The requests a push would send, without sending.',
  },
} as const satisfies Record<string, ChannelDef>;

export const events = {
  'status:changed': AppStatus,
  'settings:changed': Settings,
  'activity:updated': ActivityEntry,
  'sync:progress': SyncProgress,
  'push:progress': PushProgress,
  ...importEvents,
  ...validationEvents,
  /** Records whose local copy changed (edits, undo, sync merges); all=true when too many to list. */
  'records:changed': z.object({ recordIds: z.array(z.number().int()), all: z.boolean() }),
  /** Raised by the desktop shell's menu, not by core. */
  'menu:command': z.strictObject({ command: MenuCommand }),
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** Events only a shell raises (the desktop menu); core emitting one is a bug and is dropped. */
export const shellOnlyEvents: readonly EventName[] = ['menu:command'];

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The core side of the contract: one function per channel, typed from the schemas. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** The emit side of events, for core. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

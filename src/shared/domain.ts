import { z } from 'zod';

/** The five remote systems of ../shared/seeds (see seeds/README.md). */
export const ConnectionKind = z.enum(['wexbo', 'etim', 'wizart', 'broadleaf', 'printxpand']);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

export const ConnectionStatus = z.enum(['unknown', 'online', 'offline', 'error', 'stopped', 'paused']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const IsoTime = z.string().describe('ISO 8601 UTC time');

export const Connection = z.object({
  id: z.string(),
  name: z.string(),
  kind: ConnectionKind,
  baseUrl: z.string(),
  demo: z.boolean(),
  settings: z.record(z.string(), z.string()),
  status: ConnectionStatus,
  lastSyncAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoTime,
});
export type Connection = z.infer<typeof Connection>;

export const ConnectionHealth = z.object({
  id: z.string(),
  name: z.string(),
  kind: ConnectionKind,
  demo: z.boolean(),
  status: ConnectionStatus,
  lastSyncAt: IsoTime.nullable(),
  pending: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;

export const AppStatus = z.object({
  connections: z.array(ConnectionHealth),
  pendingChanges: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const AppInfo = z.object({
  appName: z.string(),
  appVersion: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  platform: z.string(),
  connections: z.number().int().nonnegative(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const RecordState = z.enum(['clean', 'dirty', 'conflict', 'new', 'deleted-local', 'deleted-remote']);
export type RecordState = z.infer<typeof RecordState>;

export const EntityCount = z.object({ entity: z.string(), records: z.number().int().nonnegative() });

export const CatalogSummary = z.object({
  total: z.number().int().nonnegative(),
  dirty: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  connections: z.array(
    z.object({
      connectionId: z.string(),
      name: z.string(),
      kind: ConnectionKind,
      records: z.number().int().nonnegative(),
      entities: z.array(EntityCount),
    }),
  ),
});
export type CatalogSummary = z.infer<typeof CatalogSummary>;

export const OutboxState = z.enum([
  'queued',
  'sending',
  'sent',
  'retrying',
  'rejected',
  'paused',
  'cancelled',
]);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxItem = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  entity: z.string(),
  remoteId: z.string().nullable(),
  recordId: z.number().int(),
  op: z.enum(['create', 'update', 'delete']),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
  updatedAt: IsoTime,
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const ConflictField = z.object({
  recordId: z.number().int(),
  connectionId: z.string(),
  entity: z.string(),
  remoteId: z.string(),
  path: z.string(),
  base: z.unknown(),
  mine: z.unknown(),
  theirs: z.unknown(),
  detectedAt: IsoTime,
});
export type ConflictField = z.infer<typeof ConflictField>;

export const ImportJob = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  system: ConnectionKind,
  remoteId: z.string().nullable(),
  fileName: z.string(),
  stage: z.string(),
  status: z.enum(['running', 'succeeded', 'warning', 'failed', 'stuck', 'cancelled']),
  percent: z.number().min(0).max(100).nullable(),
  message: z.string().nullable(),
  createdAt: IsoTime,
  lastProgressAt: IsoTime,
  finishedAt: IsoTime.nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ValidationRunSummary = z.object({
  id: z.number().int(),
  fileName: z.string(),
  template: z.string(),
  connectionId: z.string().nullable(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  rows: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  createdAt: IsoTime,
  finishedAt: IsoTime.nullable(),
});
export type ValidationRunSummary = z.infer<typeof ValidationRunSummary>;

export const ActivityKind = z.enum(['sync', 'push', 'import', 'validation', 'system']);
export const ActivityEntry = z.object({
  id: z.number().int(),
  kind: ActivityKind,
  connectionId: z.string().nullable(),
  title: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  message: z.string().nullable(),
  startedAt: IsoTime,
  finishedAt: IsoTime.nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const Theme = z.enum(['light', 'dark', 'system']);
export const UpdateChannel = z.enum(['latest', 'beta']);
export const Settings = z.object({
  theme: Theme,
  language: z.enum(['en']),
  updateChannel: UpdateChannel,
  stuckJobMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  language: 'en',
  updateChannel: 'latest',
  stuckJobMinutes: 15,
};

/** App-level commands the desktop menu sends to the renderer (the renderer carries them out). */
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

export const RecordConflict = z.object({
  path: z.string(),
  base: z.unknown(),
  mine: z.unknown(),
  theirs: z.unknown(),
  detectedAt: IsoTime,
});

export const RecordDetail = z.object({
  recordId: z.number().int(),
  connectionId: z.string(),
  entity: z.string(),
  remoteId: z.string().nullable(),
  state: RecordState,
  base: z.record(z.string(), z.unknown()).nullable(),
  local: z.record(z.string(), z.unknown()).nullable(),
  remoteModifiedAt: IsoTime.nullable(),
  updatedAt: IsoTime,
  conflicts: z.array(RecordConflict),
  /** Paths where local differs from base: the cells to mark as edited. */
  dirtyPaths: z.array(z.string()),
});
export type RecordDetail = z.infer<typeof RecordDetail>;

export const ConflictResolution = z.object({
  recordId: z.number().int(),
  state: RecordState,
  remaining: z.number().int().nonnegative(),
});
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export const SyncProgress = z.object({
  connectionId: z.string(),
  entity: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  rate: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const CursorInfo = z.object({
  entity: z.string(),
  runState: z.enum(['idle', 'running', 'interrupted', 'failed']),
  highWater: z.string().nullable(),
  lastCompletedAt: IsoTime.nullable(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  lastError: z.string().nullable(),
});

export const ConnectionDetail = z.object({
  connection: Connection,
  entities: z.array(
    z.object({
      entity: z.string(),
      records: z.number().int().nonnegative(),
      dirty: z.number().int().nonnegative(),
      conflicts: z.number().int().nonnegative(),
      deletedRemote: z.number().int().nonnegative(),
    }),
  ),
  outbox: z.record(z.string(), z.number().int().nonnegative()),
  cursors: z.array(CursorInfo),
  syncing: z.boolean(),
});
export type ConnectionDetail = z.infer<typeof ConnectionDetail>;

export const EditOutcome = z.object({
  groupId: z.string().nullable(),
  changed: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  rejected: z.array(z.object({ recordId: z.number().int(), path: z.string(), message: z.string() })),
});
export type EditOutcome = z.infer<typeof EditOutcome>;

export const UndoOutcome = z
  .object({ groupId: z.string(), label: z.string(), changed: z.number().int().nonnegative() })
  .nullable();

export const EditHistoryEntry = z.object({
  id: z.number().int(),
  path: z.string(),
  old: z.unknown(),
  new: z.unknown(),
  groupId: z.string(),
  undone: z.boolean(),
  createdAt: IsoTime,
});
export type EditHistoryEntry = z.infer<typeof EditHistoryEntry>;

// ---- Catalog grid (issue 7): columns and windows of rows for the virtualized grid. ----

export const GridFieldType = z.enum([
  'string',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'enum',
  'code',
  'currency',
  'email',
  'url',
  'gtin',
  'list',
  'object',
]);

export const GridColumn = z.object({
  path: z.string(),
  label: z.string(),
  type: GridFieldType,
  readonly: z.boolean(),
  /** The valid values of an enum field (the editor offers only these). */
  values: z.array(z.string()).optional(),
});
export type GridColumn = z.infer<typeof GridColumn>;

export const GridRow = z.object({
  recordId: z.number().int(),
  remoteId: z.string().nullable(),
  state: RecordState,
  /** Only the requested column paths; a missing path is an absent field. */
  cells: z.record(z.string(), z.unknown()),
  dirtyPaths: z.array(z.string()),
  conflictPaths: z.array(z.string()),
  /** What the remote holds for each conflicted path, for the hover text. */
  conflicts: z.array(z.object({ path: z.string(), mine: z.unknown(), theirs: z.unknown() })),
  /** The remote's reason when the record's last push was rejected. */
  rejected: z.string().optional(),
});
export type GridRow = z.infer<typeof GridRow>;

export const GridWindow = z.object({ total: z.number().int().nonnegative(), rows: z.array(GridRow) });
export type GridWindow = z.infer<typeof GridWindow>;

export const PushProgress = z.object({
  connectionId: z.string(),
  entity: z.string().nullable(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  batches: z.number().int().nonnegative(),
  rate: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
  state: z.enum(['running', 'waiting', 'done', 'failed', 'cancelled', 'stopped', 'paused']),
});
export type PushProgress = z.infer<typeof PushProgress>;

export const DryRunResult = z.object({
  connectionId: z.string(),
  requests: z.array(
    z.object({
      entity: z.string(),
      batch: z.number().int().positive(),
      records: z.number().int().positive(),
      method: z.string(),
      url: z.string(),
      contentType: z.string().nullable(),
      body: z.string().nullable(),
    }),
  ),
  operations: z.object({
    create: z.number().int().nonnegative(),
    update: z.number().int().nonnegative(),
    delete: z.number().int().nonnegative(),
  }),
  conflicts: z.number().int().nonnegative(),
});
export type DryRunResult = z.infer<typeof DryRunResult>;

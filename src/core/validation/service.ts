/**
 * Validation on the contract (src/shared/validation.ts): runs started from the UI go to the worker
 * engine in the background; progress is emitted at most every 250 ms, and the first issues in
 * batches while the run goes on. A finished run is stored (validation_run); everything after it
 * (issues, rows, the dry-run diff, apply, fix-and-revalidate, export) works from the stored report,
 * so it still works after a restart. The dry-run diff is cached per run and connection until the
 * mirror changes (an apply drops it).
 */
import { mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Emit } from '../../shared/contract';
import type { ConnectionKind } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import type {
  ApplyOutcome,
  DryRunDiff,
  ReportHead,
  RunState,
  TemplateInfo,
  ValidationIssue,
} from '../../shared/validation';
import { startActivity, updateActivity } from '../activity';
import type { Store } from '../db/open';
import { findConnection } from '../db/tables/connection';
import type { Editor } from '../edits/editor';
import { applyDiff } from './apply/apply';
import { bindingFor, bindingProblem } from './apply/binding';
import { computeDiff, errorsByRow } from './apply/diff';
import type { DiffResult, DiffStatus } from './apply/diff';
import { writeFixedCopy } from './apply/fix';
import { pickRows } from './apply/rows';
import { exportCorrected } from './export/run-export';
import { exportErrors } from './export/export';
import { headerSignature } from './mapping';
import { ValidationCancelled, validateFile } from './run/validate';
import { finishRun, loadRun, mappingRecaller, rememberMapping, startRun } from './store';
import { BUILTIN_TEMPLATES, genericTemplate, loadTemplate } from './templates/registry';
import type { ColumnMapping, Issue, Template, ValidationReport } from './types';

// The contract's report must stay the core report minus paths and issues: a compile-time check.
type Assert<T extends true> = T;
export type _ReportMatches = Assert<
  Omit<ValidationReport, 'issues'> extends ReportHead
    ? ReportHead extends Omit<ValidationReport, 'issues'>
      ? true
      : false
    : false
>;
export type _IssueMatches = Assert<Issue extends ValidationIssue ? true : false>;

export interface FileAccess {
  resolve(token: string, mode: 'read' | 'write'): Promise<string>;
  /** Makes a file core wrote downloadable (web shell); returns its token. */
  register?(path: string, name: string): Promise<string>;
}

export interface ValidationServiceDeps {
  store: Store;
  dataDir: string;
  now: () => Date;
  emit: Emit;
  editor: Editor;
  files?: FileAccess;
  /** After an apply: the grid and status bar refresh. */
  onRecordsChanged(): void;
  log?(level: 'info' | 'warn', msg: string): void;
}

interface LiveRun {
  state: RunState;
  controller: AbortController;
  done: Promise<void>;
}

const PROGRESS_EVERY_MS = 250;
/** First issues streamed while a run goes on; the rest come from the report. */
const LIVE_ISSUES = 500;

const SYSTEM_OF: Partial<Record<ConnectionKind, Template['system']>> = {
  wexbo: 'wexbo',
  etim: 'etim',
  wizart: 'wizart',
  broadleaf: 'broadleaf',
  printxpand: 'printxpand',
};

/** Core's own token for the file a run validated (see resolveRunFile). */
export const runFileToken = (runId: number) => `run_${runId}`;
const RUN_TOKEN = /^run_(\d{1,12})$/;

function head(report: ValidationReport): ReportHead {
  const { issues: _issues, ...rest } = report;
  return { ...rest, file: basename(report.file), images: report.images ? basename(report.images) : null };
}

function templateOf(report: ValidationReport, given?: Template): Template {
  if (given && given.id === report.template.id) return given;
  const id = report.template.id;
  const builtin = BUILTIN_TEMPLATES.find((t) => t.id === id);
  if (builtin) return builtin;
  if (id === 'generic') return genericTemplate(report.source.headers);
  try {
    return loadTemplate(id);
  } catch {
    throw new StewardError('unavailable', `The run's template "${id}" is no longer available.`);
  }
}

export function createValidationService(deps: ValidationServiceDeps) {
  const { store, emit } = deps;
  const live = new Map<number, LiveRun>();
  const diffs = new Map<string, DiffResult>();
  const reports = new Map<number, ValidationReport>();
  /** Templates given as objects (a custom JSON template from the CLI), by run. */
  const given = new Map<number, Template>();
  const templateFor = (runId: number, r: ValidationReport) => templateOf(r, given.get(runId));

  async function connectionOf(id: string | undefined | null) {
    if (!id) return null;
    const conn = await findConnection(store.db, id);
    if (!conn) throw new StewardError('not_found', `No connection ${id}.`);
    return conn;
  }

  async function report(runId: number): Promise<ValidationReport> {
    const cached = reports.get(runId);
    if (cached) return cached;
    if (live.get(runId)?.state.status === 'running')
      throw new StewardError('conflict', 'The validation is still running; wait for it to finish.');
    const loaded = await loadRun(store.db, runId);
    if (!loaded) throw new StewardError('not_found', `No validation run #${runId}.`);
    reports.set(runId, loaded);
    if (reports.size > 8) reports.delete(reports.keys().next().value as number);
    return loaded;
  }

  async function stateOf(runId: number): Promise<RunState> {
    const l = live.get(runId);
    if (l) return l.state;
    const row = await store.db
      .selectFrom('validation_run')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirst();
    if (!row) throw new StewardError('not_found', `No validation run #${runId}.`);
    // A run that failed or was cancelled keeps the table's default report, '{}'.
    const stored = row.report ? (JSON.parse(row.report) as Partial<ValidationReport>) : null;
    const r = stored?.source ? (stored as ValidationReport) : null;
    return {
      runId,
      fileName: basename(row.file_name),
      imagesName: r?.images ? basename(r.images) : null,
      connectionId: row.connection_id,
      status: row.status === 'running' ? 'failed' : row.status,
      rows: row.rows ?? 0,
      bytesDone: r?.source.size ?? 0,
      bytesTotal: r?.source.size ?? 0,
      counts: { error: row.errors ?? 0, warning: row.warnings ?? 0, info: row.infos ?? 0 },
      report: r ? head({ ...r, issues: [] }) : null,
      previousRunId: null,
      fileToken: runFileToken(runId),
    };
  }

  async function begin(input: {
    path: string;
    images?: string;
    connectionId?: string;
    template?: string | Template;
    mapping?: ColumnMapping;
    sheet?: string | number;
    headerRow?: number;
    previousRunId?: number;
    displayName?: string;
  }): Promise<RunState> {
    const conn = await connectionOf(input.connectionId);
    let template: Template | undefined;
    if (typeof input.template === 'object') template = input.template;
    else if (input.template) {
      template = BUILTIN_TEMPLATES.find((t) => t.id === input.template);
      if (!template) throw new StewardError('invalid_input', `No built-in template "${input.template}".`);
    }
    const system = conn ? SYSTEM_OF[conn.kind] : undefined;
    const candidates = system ? BUILTIN_TEMPLATES.filter((t) => t.system === system) : undefined;
    const recall = conn ? await mappingRecaller(store.db, conn.id) : undefined;
    const fileName = input.displayName ?? basename(input.path);
    const runId = await startRun(
      store.db,
      input.path,
      template?.id ?? 'detecting',
      conn?.id ?? null,
      deps.now(),
    );
    const activityId = await startActivity(
      store.db,
      { kind: 'validation', connectionId: conn?.id ?? null, title: `Validate ${fileName}` },
      deps.now,
    );
    if (template && !BUILTIN_TEMPLATES.includes(template)) given.set(runId, template);
    const controller = new AbortController();
    const state: RunState = {
      runId,
      fileName,
      imagesName: input.images ? basename(input.images) : null,
      connectionId: conn?.id ?? null,
      status: 'running',
      rows: 0,
      bytesDone: 0,
      bytesTotal: 0,
      counts: { error: 0, warning: 0, info: 0 },
      report: null,
      previousRunId: input.previousRunId ?? null,
      fileToken: runFileToken(runId),
    };
    let pending: ValidationIssue[] = [];
    let sent = 0;
    let lastEmit = 0;
    const flush = (force: boolean) => {
      const t = performance.now();
      if (!force && t - lastEmit < PROGRESS_EVERY_MS) return;
      lastEmit = t;
      const { report: _r, ...progress } = state;
      emit('validation:progress', progress);
      if (pending.length > 0) {
        emit('validation:issues', { runId, issues: pending });
        pending = [];
      }
    };
    const run = async () => {
      try {
        const result = await validateFile({
          file: input.path,
          ...(input.images ? { images: input.images } : {}),
          ...(template ? { template } : {}),
          ...(candidates?.length ? { candidates } : {}),
          ...(recall ? { recall } : {}),
          ...(input.mapping ? { mapping: input.mapping } : {}),
          ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
          ...(input.headerRow !== undefined ? { headerRow: input.headerRow } : {}),
          signal: controller.signal,
          onProgress: (p) => {
            state.rows = p.rows;
            state.bytesDone = p.bytesDone;
            state.bytesTotal = p.bytesTotal;
            flush(false);
          },
          onIssue: (issue) => {
            state.counts[issue.severity]++;
            if (sent < LIVE_ISSUES) {
              pending.push(issue);
              sent++;
            }
            flush(false);
          },
        });
        await finishRun(store.db, runId, result, { connectionId: conn?.id ?? null });
        reports.set(runId, result);
        if (conn && input.mapping && !result.fatal) {
          await rememberMapping(
            store.db,
            {
              connectionId: conn.id,
              signature: headerSignature(result.source.headers),
              template: result.template.id,
              headers: result.source.headers,
              mapping: input.mapping,
            },
            deps.now(),
          );
        }
        Object.assign(state, {
          status: result.fatal ? 'failed' : 'done',
          rows: result.rows,
          counts: result.counts,
          bytesDone: result.source.size,
          bytesTotal: result.source.size,
          report: head(result),
        } satisfies Partial<RunState>);
        const c = result.counts;
        await updateActivity(
          store.db,
          activityId,
          {
            status: result.fatal ? 'failed' : 'succeeded',
            done: result.rows,
            total: result.rows,
            message: result.fatal ?? `${c.error} errors, ${c.warning} warnings in ${result.rows} rows`,
          },
          deps.now,
        );
      } catch (err) {
        const cancelled = err instanceof ValidationCancelled || controller.signal.aborted;
        state.status = cancelled ? 'cancelled' : 'failed';
        await store.db
          .updateTable('validation_run')
          .set({ status: cancelled ? 'cancelled' : 'failed', finished_at: deps.now().toISOString() })
          .where('id', '=', runId)
          .execute();
        await updateActivity(
          store.db,
          activityId,
          {
            status: cancelled ? 'cancelled' : 'failed',
            message: cancelled ? 'Cancelled' : (err as Error).message,
          },
          deps.now,
        );
        if (!cancelled) deps.log?.('warn', `validation #${runId} failed: ${(err as Error).message}`);
      } finally {
        flush(true);
        emit('validation:finished', { ...state });
        live.delete(runId);
      }
    };
    const entry: LiveRun = { state, controller, done: Promise.resolve() };
    live.set(runId, entry);
    entry.done = run();
    return { ...state };
  }

  async function requireBinding(runId: number, connectionId: string | undefined) {
    const r = await report(runId);
    const row = await store.db
      .selectFrom('validation_run')
      .select('connection_id')
      .where('id', '=', runId)
      .executeTakeFirst();
    const conn = await connectionOf(connectionId ?? row?.connection_id ?? null);
    if (!conn)
      throw new StewardError('invalid_input', 'Choose the connection whose records the file should change.');
    if (r.fatal) throw new StewardError('invalid_input', `The file could not be read: ${r.fatal}`);
    const template = templateFor(runId, r);
    const problem = bindingProblem(template, conn.kind);
    const binding = problem ? null : bindingFor(template, conn.kind);
    if (!binding) throw new StewardError('invalid_input', problem ?? 'The file has no key column.');
    return { r, conn, binding };
  }

  async function diffOf(runId: number, connectionId: string | undefined, detailCap?: number) {
    const { r, conn, binding } = await requireBinding(runId, connectionId);
    const cacheKey = `${runId}:${conn.id}:${detailCap ?? 'all'}`;
    const cached = diffs.get(cacheKey);
    if (cached) return cached;
    const rowErrors = errorsByRow(r.issues);
    let diff: DiffResult;
    try {
      diff = await computeDiff(store.sqlite, {
        connectionId: conn.id,
        binding,
        report: r,
        rowErrors,
        ...(detailCap !== undefined ? { detailCap } : {}),
      });
    } catch (err) {
      if (err instanceof StewardError) throw err;
      throw new StewardError('invalid_input', (err as Error).message);
    }
    diffs.set(cacheKey, diff);
    if (diffs.size > 4) diffs.delete(diffs.keys().next().value as string);
    return diff;
  }

  function outputPath(runId: number, name: string): string {
    const dir = join(deps.dataDir, 'files', `run-${runId}`);
    mkdirSync(dir, { recursive: true });
    return join(dir, name);
  }

  const service = {
    listTemplates: async ({ connectionId }: { connectionId?: string }): Promise<TemplateInfo[]> => {
      const conn = await connectionOf(connectionId);
      const system = conn ? SYSTEM_OF[conn.kind] : undefined;
      const list = [...BUILTIN_TEMPLATES].sort(
        (a, b) => Number(b.system === system) - Number(a.system === system),
      );
      return list.map((t) => ({
        id: t.id,
        name: t.name,
        system: t.system,
        description: t.description ?? null,
        source: t.source ?? null,
        columns: t.columns.map((c) => ({
          column: c.column,
          type: c.type ?? null,
          required: c.required === true,
          aliases: c.aliases ?? [],
        })),
        appliable: conn
          ? bindingProblem(t, conn.kind) === null
          : ['wexbo', 'etim', 'printxpand'].includes(t.system),
      }));
    },

    start: async (input: {
      file: { fileToken: string };
      images?: { fileToken: string };
      connectionId?: string;
      template?: string;
      mapping?: ColumnMapping;
      sheet?: string | number;
      headerRow?: number;
    }): Promise<RunState> => {
      if (!deps.files)
        throw new StewardError(
          'unavailable',
          'This window cannot hand files to core; use the desktop app or the CLI.',
        );
      const files = deps.files;
      const resolve = async (token: string) =>
        (await service.resolveRunFile(token)) ?? (await files.resolve(token, 'read'));
      const path = await resolve(input.file.fileToken);
      const images = input.images ? await resolve(input.images.fileToken) : undefined;
      const { file: _file, images: _images, ...rest } = input;
      return begin({ ...rest, path, ...(images ? { images } : {}) });
    },

    /** For shells that hold a path (CLI, tests). */
    startPath: begin,

    cancel: ({ runId }: { runId: number }) => {
      const l = live.get(runId);
      if (!l) return { cancelled: false };
      l.controller.abort();
      return { cancelled: true };
    },

    /** Resolves when the run has ended (tests, CLI). */
    settled: async (runId: number): Promise<RunState> => {
      await live.get(runId)?.done;
      return stateOf(runId);
    },

    getRun: ({ runId }: { runId: number }) => stateOf(runId),

    getIssues: async (input: {
      runId: number;
      offset: number;
      limit: number;
      severity?: Issue['severity'];
      rule?: string;
      column?: string;
    }) => {
      const r = await report(input.runId);
      const list = r.issues.filter(
        (i) =>
          (!input.severity || i.severity === input.severity) &&
          (!input.rule || i.rule === input.rule) &&
          (input.column === undefined || i.column === input.column),
      );
      return { issues: list.slice(input.offset, input.offset + input.limit), total: list.length };
    },

    getRows: async ({ runId, rows }: { runId: number; rows: number[] }) => {
      const r = await report(runId);
      if (r.fatal) throw new StewardError('invalid_input', `The file could not be read: ${r.fatal}`);
      const picked = await pickRows(r, rows);
      return {
        headers: r.source.headers,
        rows: [...picked].sort((a, b) => a[0] - b[0]).map(([row, cells]) => ({ row, cells })),
      };
    },

    /**
     * The path behind a run's file token (`run_N`), or null when the token is not one: the file a
     * run validated, so a corrected copy can go to an importer like a dropped file.
     */
    resolveRunFile: async (token: string): Promise<string | null> => {
      const m = RUN_TOKEN.exec(token);
      if (!m) return null;
      const row = await store.db
        .selectFrom('validation_run')
        .select('file_name')
        .where('id', '=', Number(m[1]))
        .executeTakeFirst();
      if (!row)
        throw new StewardError('not_found', 'That validation run no longer exists: drop the file again.');
      return row.file_name;
    },

    fix: async (input: {
      runId: number;
      cells: { row: number; column: string; value: string }[];
      safeFixes: boolean;
      mapping?: ColumnMapping;
    }): Promise<RunState> => {
      const r = await report(input.runId);
      if (r.fatal) throw new StewardError('invalid_input', `The file could not be read: ${r.fatal}`);
      const template = templateFor(input.runId, r);
      const floatTargets = new Set(
        template.columns.filter((c) => c.type === 'float' && !c.list).map((c) => c.column),
      );
      const floatColumns = new Set(
        r.source.headers.filter((_, i) => {
          const target = r.mapping.mapping[i];
          return target !== null && target !== undefined && floatTargets.has(target);
        }),
      );
      const state = await stateOf(input.runId);
      const stem = basename(state.fileName, extname(state.fileName)).replace(/-fixed(-\d+)?$/, '');
      const out = outputPath(input.runId, `${stem}-fixed.csv`);
      try {
        await writeFixedCopy(r, out, { cells: input.cells, safeFixes: input.safeFixes, floatColumns });
      } catch (err) {
        throw new StewardError('invalid_input', (err as Error).message);
      }
      return begin({
        path: out,
        ...(r.images ? { images: r.images } : {}),
        ...(state.connectionId ? { connectionId: state.connectionId } : {}),
        template,
        previousRunId: input.runId,
        ...(input.mapping ? { mapping: input.mapping } : {}),
      });
    },

    diff: async (input: {
      runId: number;
      connectionId?: string;
      status?: DiffStatus;
      offset: number;
      limit: number;
    }): Promise<DryRunDiff> => {
      const d = await diffOf(input.runId, input.connectionId, 50_000);
      const list = input.status ? d.entries.filter((e) => e.status === input.status) : d.entries;
      return {
        runId: input.runId,
        connectionId: d.connectionId,
        entity: d.binding.entity,
        keyColumn: d.binding.keyColumn,
        columns: d.binding.fields.map((f) => ({ column: f.column, path: f.path })),
        counts: d.counts,
        rows: list.slice(input.offset, input.offset + input.limit).map(({ doc: _doc, ...e }) => e),
        total: input.status
          ? input.status === 'unchanged'
            ? d.counts.unchanged
            : list.length
          : d.entries.length,
        missing: d.missing.slice(0, 200),
        truncated: d.truncated,
      };
    },

    apply: async (input: {
      runId: number;
      connectionId?: string;
      create: boolean;
    }): Promise<ApplyOutcome> => {
      const diff = await diffOf(input.runId, input.connectionId);
      const state = await stateOf(input.runId);
      const result = applyDiff(store.sqlite, deps.editor, diff, {
        label: `Apply ${state.fileName}`,
        create: input.create,
        now: deps.now,
      });
      diffs.clear();
      if (result.fields > 0 || result.created > 0) deps.onRecordsChanged();
      return { runId: input.runId, connectionId: diff.connectionId, ...result };
    },

    export: async (input: {
      runId: number;
      what: 'corrected' | 'errors';
      format: 'csv' | 'xlsx';
      target?: { fileToken: string };
    }) => {
      const r = await report(input.runId);
      const state = await stateOf(input.runId);
      const stem = basename(state.fileName, extname(state.fileName));
      const name = `${stem}-${input.what}.${input.format}`;
      let out: string;
      if (input.target) {
        if (!deps.files) throw new StewardError('unavailable', 'This window cannot write files.');
        out = await deps.files.resolve(input.target.fileToken, 'write');
      } else out = outputPath(input.runId, name);
      try {
        const result =
          input.what === 'errors'
            ? await exportErrors(r, { out, format: input.format, bom: input.format === 'csv' })
            : await exportCorrected(r, templateFor(input.runId, r), {
                out,
                format: input.format,
                bom: false,
              });
        const download = !input.target && deps.files?.register ? await deps.files.register(out, name) : null;
        return {
          name: input.target ? basename(out) : name,
          rows: result.rows,
          fixed: result.fixed,
          download,
        };
      } catch (err) {
        if (err instanceof StewardError) throw err;
        throw new StewardError('invalid_input', (err as Error).message);
      }
    },

    close: async () => {
      for (const l of live.values()) l.controller.abort();
      await Promise.allSettled([...live.values()].map((l) => l.done));
    },
  };
  return service;
}

export type ValidationService = ReturnType<typeof createValidationService>;

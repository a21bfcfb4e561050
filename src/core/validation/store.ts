/**
 * Validation runs and remembered column mappings in the app database (migration 002's
 * validation_run / validation_issue, 003's setting). Issues go in one transaction, 500 rows per
 * INSERT; a run keeps at most `maxIssues` of them while its counts stay exact.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema';
import type { ColumnMapping, Issue, Template, ValidationReport } from './types';

export const MAX_STORED_ISSUES = 100_000;
const BATCH = 500;

export interface SaveOptions {
  connectionId?: string | null;
  maxIssues?: number;
}

/** Records a run as running (for a UI that lists it before it ends); finishRun completes it. */
export async function startRun(
  db: Kysely<DB>,
  fileName: string,
  template: string,
  connectionId: string | null,
  now = new Date(),
): Promise<number> {
  const row = await db
    .insertInto('validation_run')
    .values({
      file_name: fileName,
      template,
      connection_id: connectionId,
      status: 'running',
      created_at: now.toISOString(),
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The report minus its issue list (those live in validation_issue). */
function reportJson(report: ValidationReport): string {
  const { issues: _issues, ...rest } = report;
  return JSON.stringify(rest);
}

export async function finishRun(
  db: Kysely<DB>,
  runId: number,
  report: ValidationReport,
  opts: SaveOptions = {},
): Promise<void> {
  const issues = report.issues.slice(0, opts.maxIssues ?? MAX_STORED_ISSUES);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < issues.length; i += BATCH) {
      await trx
        .insertInto('validation_issue')
        .values(
          issues.slice(i, i + BATCH).map((x) => ({
            run_id: runId,
            row: x.row,
            col: x.column,
            value: x.value,
            rule: x.rule,
            severity: x.severity,
            message: x.message,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('validation_run')
      .set({
        template: report.template.id,
        status: report.fatal ? 'failed' : 'done',
        rows: report.rows,
        errors: report.counts.error,
        warnings: report.counts.warning,
        infos: report.counts.info,
        report: reportJson(report),
        finished_at: report.finishedAt,
      })
      .where('id', '=', runId)
      .execute();
  });
}

/** Stores a finished report as a run; returns the run id. */
export async function saveRun(
  db: Kysely<DB>,
  report: ValidationReport,
  opts: SaveOptions = {},
): Promise<number> {
  const id = await startRun(
    db,
    report.file,
    report.template.id,
    opts.connectionId ?? null,
    new Date(report.startedAt),
  );
  await finishRun(db, id, report, opts);
  return id;
}

export async function listRunIssues(
  db: Kysely<DB>,
  runId: number,
  opts: { offset?: number; limit?: number; severity?: Issue['severity'] } = {},
): Promise<Issue[]> {
  let q = db.selectFrom('validation_issue').selectAll().where('run_id', '=', runId);
  if (opts.severity) q = q.where('severity', '=', opts.severity);
  const rows = await q
    .orderBy('id')
    .limit(opts.limit ?? 1000)
    .offset(opts.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    row: r.row,
    column: r.col,
    value: r.value,
    rule: r.rule,
    severity: r.severity,
    message: r.message,
  }));
}

/** The stored report of a run, with its issues (up to `limit`). */
export async function loadRun(
  db: Kysely<DB>,
  runId: number,
  limit = MAX_STORED_ISSUES,
): Promise<ValidationReport | undefined> {
  const run = await db.selectFrom('validation_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return undefined;
  const rest = JSON.parse(run.report) as Omit<ValidationReport, 'issues'>;
  return { ...rest, issues: await listRunIssues(db, runId, { limit }) } as ValidationReport;
}

const Remembered = z.object({
  template: z.string(),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  savedAt: z.string(),
});
export type RememberedMapping = z.infer<typeof Remembered>;

export const mappingKey = (connectionId: string, signature: string) => `mapping:${connectionId}:${signature}`;

/** Remembers the user's mapping for this connection and header layout (see mapping.ts headerSignature). */
export async function rememberMapping(
  db: Kysely<DB>,
  entry: {
    connectionId: string;
    signature: string;
    template: string;
    headers: string[];
    mapping: ColumnMapping;
  },
  now = new Date(),
): Promise<void> {
  const value = JSON.stringify({
    template: entry.template,
    headers: entry.headers,
    mapping: entry.mapping,
    savedAt: now.toISOString(),
  });
  const at = now.toISOString();
  await db
    .insertInto('setting')
    .values({ key: mappingKey(entry.connectionId, entry.signature), value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

export async function recallMapping(
  db: Kysely<DB>,
  connectionId: string,
  signature: string,
): Promise<RememberedMapping | undefined> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', mappingKey(connectionId, signature))
    .executeTakeFirst();
  if (!row) return undefined;
  const parsed = Remembered.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Loads every mapping remembered for a connection into a synchronous lookup for
 * validateFile's `recall` option (a mapping remembered for another template is not offered).
 */
export async function mappingRecaller(
  db: Kysely<DB>,
  connectionId: string,
): Promise<(signature: string, template: Template) => ColumnMapping | undefined> {
  const prefix = mappingKey(connectionId, '');
  const rows = await db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'like', `${prefix}%`)
    .execute();
  const bySignature = new Map<string, RememberedMapping>();
  // LIKE treats "_" in a connection id as a wildcard: keep exact prefixes only.
  for (const r of rows.filter((x) => x.key.startsWith(prefix))) {
    const parsed = Remembered.safeParse(JSON.parse(r.value));
    if (parsed.success) bySignature.set(r.key.slice(prefix.length), parsed.data);
  }
  return (signature, template) => {
    const hit = bySignature.get(signature);
    return hit && hit.template === template.id ? hit.mapping : undefined;
  };
}

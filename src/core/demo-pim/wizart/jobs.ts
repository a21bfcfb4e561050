/**
 * Wizart import jobs. Nothing runs in the background: a job stores its plan (the stages it will
 * walk, how long each takes, how it ends) and every read computes the current status from the
 * elapsed `ctx.now()`, so a test moves a fake clock instead of waiting.
 */
import type Database from 'better-sqlite3';
import { STAGES, STAGE_MESSAGES, ensureWizartTables } from './schema';
import type { FinalStatus, ImportStatus, ProductType, Stage } from './schema';
import type { Analysis, RowIssue } from './analyze';
import type { WizartForcedOutcome, wizartTiming } from './scenario';

interface Plan {
  stages: [Stage, number][];
  final: FinalStatus | 'stuck';
  message: string;
  total: number;
  issues: RowIssue[];
  products: Record<string, string>[];
}

export interface ImportRow {
  id: number;
  product_type: string;
  original_name: string;
  path: string;
  created_ms: number;
  end_ms: number | null;
  plan: string;
  applied: number;
}

export interface ImportState {
  status: ImportStatus;
  since: number;
  message: string;
  result: string | null;
}

type Timing = ReturnType<typeof wizartTiming>;

function durations(t: Timing, a: Analysis, bytes: number): Record<Stage, number> {
  const base = t.stageMs;
  const raw: Record<Stage, number> = {
    // About 5 MB/s from the client's upload into the PIM's storage.
    uploading_files: base.uploading_files + bytes / 5000,
    validating_csv: base.validating_csv + (a.rows * t.perRowMs) / 10,
    unpacking_archive: base.unpacking_archive + a.images * t.perImageMs,
    checking_images: base.checking_images + (a.images * t.perImageMs) / 2,
    waiting_queue: base.waiting_queue,
    importing_data: base.importing_data + a.rows * t.perRowMs,
  };
  for (const s of STAGES) raw[s] = Math.max(0, Math.round(raw[s] * t.timeScale));
  return raw;
}

interface Outcome extends Pick<Plan, 'final' | 'message' | 'products' | 'issues'> {
  lastStage: Stage;
}

function applyForce(a: Analysis, force: WizartForcedOutcome | undefined): Outcome {
  const natural: Outcome = {
    final: a.final,
    lastStage: a.failedAt ?? 'importing_data',
    message: a.message,
    products: a.products,
    issues: a.issues,
  };
  if (!force) return natural;
  const stage = force.stage ?? 'importing_data';
  // A failure the files themselves cause earlier still happens first.
  if (a.failedAt && STAGES.indexOf(a.failedAt) < STAGES.indexOf(stage)) return natural;
  if (force.status === 'stuck') return { ...natural, final: 'stuck', lastStage: stage, products: [] };
  const kept = stage === 'importing_data' ? a.products.slice(0, Math.floor(a.products.length / 2)) : [];
  const message = force.message ?? 'Server error: the import was interrupted.';
  return {
    final: 'failure',
    lastStage: stage,
    message,
    products: kept,
    issues: [...a.issues, { row: 0, message }],
  };
}

export function createImport(
  db: Database.Database,
  input: { type: ProductType; originalName: string; bytes: number; now: number },
  analysis: Analysis,
  timing: Timing,
  force: WizartForcedOutcome | undefined,
): number {
  ensureWizartTables(db);
  const outcome = applyForce(analysis, force);
  const ms = durations(timing, analysis, input.bytes);
  const stages = STAGES.slice(0, STAGES.indexOf(outcome.lastStage) + 1).map((s): [Stage, number] => [
    s,
    ms[s],
  ]);
  const plan: Plan = {
    stages,
    final: outcome.final,
    message: outcome.message,
    total: analysis.rows,
    issues: outcome.issues,
    products: outcome.products,
  };
  const total = stages.reduce((sum, [, d]) => sum + d, 0);
  const endMs = plan.final === 'stuck' ? null : input.now + total;
  const info = db
    .prepare(
      `INSERT INTO wizart_import (product_type, original_name, path, created_ms, end_ms, plan)
       VALUES (?, ?, '', ?, ?, ?)`,
    )
    .run(input.type.code, input.originalName, input.now, endMs, JSON.stringify(plan));
  const id = Number(info.lastInsertRowid);
  db.prepare('UPDATE wizart_import SET path = ? WHERE id = ?').run(`imports/${id}/${input.originalName}`, id);
  return id;
}

function resultOf(plan: Plan): string {
  return JSON.stringify({
    total: plan.total,
    imported: plan.products.length,
    skipped: plan.total - plan.products.length,
    errors: plan.issues,
  });
}

export function importState(row: ImportRow, now: number): ImportState {
  const plan = JSON.parse(row.plan) as Plan;
  let t = row.created_ms;
  for (const [i, [stage, ms]] of plan.stages.entries()) {
    const last = i === plan.stages.length - 1;
    if (now < t + ms || (last && plan.final === 'stuck')) {
      return { status: stage, since: t, message: STAGE_MESSAGES[stage], result: null };
    }
    t += ms;
  }
  return { status: plan.final as FinalStatus, since: t, message: plan.message, result: resultOf(plan) };
}

/** Stores the products of imports that have finished by `now`, once each. */
export function settleFinished(db: Database.Database, now: number): void {
  ensureWizartTables(db);
  const due = db
    .prepare('SELECT * FROM wizart_import WHERE applied = 0 AND end_ms IS NOT NULL AND end_ms <= ?')
    .all(now) as ImportRow[];
  if (due.length === 0) return;
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO wizart_product (product_type, vendor_code, data, import_id) VALUES (?, ?, ?, ?)',
  );
  const mark = db.prepare('UPDATE wizart_import SET applied = 1 WHERE id = ? AND applied = 0');
  db.transaction(() => {
    for (const row of due) {
      if (mark.run(row.id).changes === 0) continue;
      const plan = JSON.parse(row.plan) as Plan;
      for (const p of plan.products)
        upsert.run(row.product_type, p.vendor_code ?? '', JSON.stringify(p), row.id);
    }
  })();
}

export function getImport(db: Database.Database, id: number): ImportRow | undefined {
  return db.prepare('SELECT * FROM wizart_import WHERE id = ?').get(id) as ImportRow | undefined;
}

export function listImports(db: Database.Database): ImportRow[] {
  return db.prepare('SELECT * FROM wizart_import ORDER BY id DESC').all() as ImportRow[];
}

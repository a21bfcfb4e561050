/**
 * In-process scenario hooks for the admin API and tests: stage timing, a forced outcome for the
 * next import, per-product rejections and extra tokens. All state lives in the demo database so it
 * is shared with the running system and survives a restart.
 */
import type Database from 'better-sqlite3';
import { ensureWizartTables, readConfig, writeConfig } from './schema';
import type { Stage, TokenKind } from './schema';

export interface WizartTiming {
  /** Multiplies every duration; 0.001 turns seconds into milliseconds. Default 1. */
  timeScale?: number;
  /** Base duration of each stage in ms. */
  stageMs?: Partial<Record<Stage, number>>;
  /** Added to importing_data per CSV row (a tenth of it to validating_csv). */
  perRowMs?: number;
  /** Added to unpacking_archive per ZIP entry (half of it to checking_images). */
  perImageMs?: number;
}

export const DEFAULT_TIMING: Required<WizartTiming> & { stageMs: Record<Stage, number> } = {
  timeScale: 1,
  stageMs: {
    uploading_files: 1500,
    validating_csv: 1000,
    unpacking_archive: 1000,
    checking_images: 800,
    waiting_queue: 3000,
    importing_data: 2000,
  },
  perRowMs: 5,
  perImageMs: 2,
};

export type WizartForcedOutcome =
  /** Ends the next import in failure at `stage` (default importing_data, after half the rows). */
  | { status: 'failure'; stage?: Stage; message?: string }
  /** The next import never leaves `stage` (for stuck-job detection). */
  | { status: 'stuck'; stage: Stage };

/** Timing for imports created from now on; undefined restores the defaults. */
export function setWizartTiming(db: Database.Database, timing: WizartTiming | undefined): void {
  writeConfig(db, 'timing', timing);
}

export function wizartTiming(db: Database.Database): typeof DEFAULT_TIMING {
  const t = readConfig<WizartTiming>(db, 'timing') ?? {};
  return {
    timeScale: t.timeScale ?? DEFAULT_TIMING.timeScale,
    stageMs: { ...DEFAULT_TIMING.stageMs, ...t.stageMs },
    perRowMs: t.perRowMs ?? DEFAULT_TIMING.perRowMs,
    perImageMs: t.perImageMs ?? DEFAULT_TIMING.perImageMs,
  };
}

/** Forces the outcome of the next import only; undefined clears a pending one. */
export function forceWizartNextImport(db: Database.Database, outcome: WizartForcedOutcome | undefined): void {
  writeConfig(db, 'force-next', outcome);
}

/** Consumes the pending forced outcome, if any. */
export function takeForcedOutcome(db: Database.Database): WizartForcedOutcome | undefined {
  const outcome = readConfig<WizartForcedOutcome>(db, 'force-next');
  if (outcome) writeConfig(db, 'force-next', undefined);
  return outcome;
}

/** Every later import skips the row with this vendor code, with a warning carrying `message`. */
export function addWizartRowRejection(db: Database.Database, vendorCode: string, message: string): void {
  ensureWizartTables(db);
  db.prepare('INSERT OR REPLACE INTO wizart_rejection (vendor_code, message) VALUES (?, ?)').run(
    vendorCode,
    message,
  );
}

export function clearWizartRowRejections(db: Database.Database): void {
  ensureWizartTables(db);
  db.prepare('DELETE FROM wizart_rejection').run();
}

export function rowRejections(db: Database.Database): Map<string, string> {
  ensureWizartTables(db);
  const rows = db.prepare('SELECT vendor_code, message FROM wizart_rejection').all() as {
    vendor_code: string;
    message: string;
  }[];
  return new Map(rows.map((r) => [r.vendor_code, r.message]));
}

/**
 * Registers a token. The seed names Bearer (OAuth 2.0) plus web, android, ios and direct tokens;
 * only the bearer token given to createWizartSystem exists until others are added here.
 */
export function addWizartToken(db: Database.Database, token: string, kind: TokenKind): void {
  ensureWizartTables(db);
  db.prepare('INSERT OR REPLACE INTO wizart_token (token, kind) VALUES (?, ?)').run(token, kind);
}

export interface WizartProduct {
  productType: string;
  vendorCode: string;
  importId: number;
  data: Record<string, string>;
}

/** Products imported so far (finished imports are applied when the system next sees a request). */
export function listWizartProducts(db: Database.Database): WizartProduct[] {
  ensureWizartTables(db);
  const rows = db
    .prepare(
      'SELECT product_type, vendor_code, import_id, data FROM wizart_product ORDER BY product_type, vendor_code',
    )
    .all() as { product_type: string; vendor_code: string; import_id: number; data: string }[];
  return rows.map((r) => ({
    productType: r.product_type,
    vendorCode: r.vendor_code,
    importId: r.import_id,
    data: JSON.parse(r.data) as Record<string, string>,
  }));
}

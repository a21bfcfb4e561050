/**
 * A Wizart `import_data` resource as a RemoteJobStatus. The stages and what each means come from
 * seeds/000_e06ea13dbfabb382.txt ("Checking import status"):
 *
 *   uploading_files → validating_csv → unpacking_archive → checking_images → waiting_queue →
 *   importing_data → success | warning | failure
 *
 * Wizart reports no percentage, so `percent` is derived from the stage: the share of the six
 * intermediate stages already behind the job (uploading_files 0, validating_csv 17,
 * unpacking_archive 33, checking_images 50, waiting_queue 67, importing_data 83) and 100 once it has
 * finished, whatever the outcome (the state says how it ended). Stage lengths vary with the files,
 * so this counts steps, not time.
 *
 * The resource's `result` (a JSON string, null until the job ends) is read for the outcome's
 * numbers and per-row problems: `{"total","imported","skipped","errors":[{"row","vendor_code"?,
 * "column"?,"value"?,"message"}]}` as the demo PIM writes it (the public openapi does not spell the
 * string out). `row` is the 1-based data row; 0 is the file as a whole and is left off.
 */
import type { RemoteJobIssue, RemoteJobState, RemoteJobStatus } from '../types';
import { finiteNumber, isRecord, text, wallTimeToIso } from '../import-status';

export const WIZART_STAGES = [
  'uploading_files',
  'validating_csv',
  'unpacking_archive',
  'checking_images',
  'waiting_queue',
  'importing_data',
] as const;

const FINAL: Readonly<Record<string, RemoteJobState>> = {
  success: 'succeeded',
  warning: 'warning',
  failure: 'failed',
};

/** The stage-based percent described above; null for a status this connector does not know. */
export function wizartPercent(stage: string): number | null {
  if (FINAL[stage]) return 100;
  const i = (WIZART_STAGES as readonly string[]).indexOf(stage);
  return i < 0 ? null : Math.round((i * 100) / WIZART_STAGES.length);
}

interface ParsedResult {
  total?: number;
  errors: unknown[];
}

function parseResult(raw: unknown): ParsedResult | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value)) return undefined;
  return {
    total: finiteNumber(value.total),
    errors: Array.isArray(value.errors) ? value.errors : [],
  };
}

function toIssue(raw: unknown, severity: RemoteJobIssue['severity']): RemoteJobIssue | undefined {
  if (typeof raw === 'string') return { severity, message: raw };
  if (!isRecord(raw)) return undefined;
  const message = text(raw.message) ?? text(raw.detail) ?? text(raw.title);
  if (!message) return undefined;
  const row = finiteNumber(raw.row);
  const column = text(raw.column);
  // An empty value is information too ("the name field is required" on an empty cell).
  const value =
    typeof raw.value === 'string' || typeof raw.value === 'number' ? String(raw.value) : undefined;
  return {
    severity,
    message,
    ...(row !== undefined && row > 0 ? { row } : {}),
    ...(column ? { column } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}

/**
 * Maps the resource; undefined when `doc` is not one (the caller reports the answer as unexpected).
 * Times are `YYYY-MM-DD HH:MM:SS` in the resource's own `timezone`.
 */
export function wizartJobStatus(doc: unknown): RemoteJobStatus | undefined {
  const data = isRecord(doc) ? doc.data : undefined;
  const attrs = isRecord(data) ? data.attributes : undefined;
  const remoteId = isRecord(data) ? text(data.id) : undefined;
  if (!isRecord(attrs) || remoteId === undefined) return undefined;
  const stage = text(attrs.status) ?? 'unknown';
  // An unknown status is treated as still running: stuck-job detection catches one that never ends.
  const state = FINAL[stage] ?? 'running';
  const result = parseResult(attrs.result);
  // Skipped rows are what makes a warning; in a failure every listed problem kept rows out.
  const severity = state === 'warning' ? 'warning' : 'error';
  const issues = (result?.errors ?? []).flatMap((e) => toIssue(e, severity) ?? []);
  const updatedAt = wallTimeToIso(attrs.updated_at, text(attrs.timezone) ?? 'UTC');
  return {
    remoteId,
    kind: 'import',
    stage,
    state,
    percent: wizartPercent(stage),
    message: text(attrs.status_message) ?? null,
    issues,
    ...(result?.total !== undefined ? { total: result.total } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

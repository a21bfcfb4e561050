/**
 * A Broadleaf ImportStatus document as a RemoteJobStatus (seeds/002_dd6ca172e7a2ab05.txt,
 * "Response"). Running documents carry `status` START_REQUESTED or IN_PROCESS and `percentComplete`;
 * a finished one says COMPLETED. A failed import is a different document with no status at all:
 *
 *   {"totalRecords": 0, "details": [{"type": "status", "description": "error"},
 *     {"type": "message", "description": "Error in the uploaded file"},
 *     {"type": "headerValidation", "description": "[]"},
 *     {"type": "recordValidation", "description": "[{\"fieldName\":\"Product Title\",
 *       \"fieldValue\":\"\",\"rowNumber\":1,\"message\":\"Missing Required Data\"}]"}]}
 *
 * The two validations are JSON arrays inside strings; each entry becomes an issue with its row
 * (1-based data row; 0 means the header and is left off), field (as `column`), value and message.
 */
import type { RemoteJobIssue, RemoteJobState, RemoteJobStatus } from '../types';
import { clampPercent, finiteNumber, isRecord, text, wallTimeToIso } from '../import-status';

/** Statuses other than the seed's three that Broadleaf's ImportStatus may report when it gives up. */
const FAILED = new Set(['ERROR', 'FAILED', 'FAILURE', 'CANCELLED', 'CANCELED', 'ABORTED']);

function detailsOf(doc: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!Array.isArray(doc.details)) return out;
  for (const d of doc.details) {
    if (!isRecord(d)) continue;
    const type = text(d.type);
    const description = typeof d.description === 'string' ? d.description : text(d.description);
    if (type === undefined || description === undefined) continue;
    out.set(type, [...(out.get(type) ?? []), description]);
  }
  return out;
}

function fieldIssue(raw: unknown): RemoteJobIssue | undefined {
  if (!isRecord(raw)) return undefined;
  const message = text(raw.message);
  if (!message) return undefined;
  const row = finiteNumber(raw.rowNumber);
  const column = text(raw.fieldName);
  // "" is the value of a missing required field, and the seed's example shows it: keep it.
  const value =
    typeof raw.fieldValue === 'string' || typeof raw.fieldValue === 'number'
      ? String(raw.fieldValue)
      : undefined;
  return {
    severity: 'error',
    message,
    ...(row !== undefined && row > 0 ? { row } : {}),
    ...(column ? { column } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}

/** A validation description: a JSON array in a string. One that does not parse is shown as it is. */
export function validationIssues(description: string): RemoteJobIssue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(description) as unknown;
  } catch {
    return description.trim() === '' ? [] : [{ severity: 'error', message: description.trim() }];
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.flatMap((e): RemoteJobIssue[] => {
    const issue = fieldIssue(e) ?? (typeof e === 'string' ? { severity: 'error', message: e } : undefined);
    return issue ? [issue] : [];
  });
}

function issuesOf(details: Map<string, string[]>): RemoteJobIssue[] {
  const descriptions = [
    ...(details.get('headerValidation') ?? []),
    ...(details.get('recordValidation') ?? []),
  ];
  return descriptions.flatMap(validationIssues);
}

function stateOf(stage: string, hasErrors: boolean): RemoteJobState {
  if (FAILED.has(stage)) return 'failed';
  if (stage === 'COMPLETED') return hasErrors ? 'warning' : 'succeeded';
  return 'running';
}

function percentOf(stage: string, doc: Record<string, unknown>): number | null {
  if (stage === 'COMPLETED') return 100;
  const p = finiteNumber(doc.percentComplete);
  return p === undefined ? null : clampPercent(p);
}

/**
 * Maps the document; `remoteId` is the statusId we asked about, because the error document does
 * not repeat it. Dates are `yyyy.MM.dd HH:mm:ss` in the server's zone (`timeZone`).
 */
export function broadleafJobStatus(
  doc: unknown,
  remoteId: string,
  timeZone = 'UTC',
): RemoteJobStatus | undefined {
  if (!isRecord(doc)) return undefined;
  const details = detailsOf(doc);
  const detailStatus = details.get('status')?.[0];
  const issues = issuesOf(details);
  const declared = text(doc.status)?.toUpperCase();
  const errorDoc = declared === undefined && detailStatus?.toLowerCase() === 'error';
  if (declared === undefined && !errorDoc) return undefined;
  const stage = declared ?? 'ERROR';
  const state = errorDoc ? 'failed' : stateOf(stage, issues.length > 0);
  const message = details.get('message')?.join(' ') ?? null;
  const total = finiteNumber(doc.totalRecords);
  const updatedAt = wallTimeToIso(doc.lastUpdateDate, timeZone);
  return {
    remoteId: text(doc.statusId) ?? remoteId,
    kind: 'import',
    stage,
    state,
    // A failed import reports no progress (the seed's error document has none).
    percent: errorDoc ? null : percentOf(stage, doc),
    message,
    issues,
    // The error document says totalRecords 0 whatever the file held: not a count worth showing.
    ...(total !== undefined && !errorDoc ? { total } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

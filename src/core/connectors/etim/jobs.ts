/**
 * ETIM synchronization triggers and push notifications (004_48b37cfc1a1923fe.txt, last sections).
 * `synchronizations/run/{trigger}` starts a run and `synchronizations/check/{progress-id}` follows it;
 * both answer `{status: "in progress" | "done" | "error", info, progress-id?, starting-time}`, where
 * `info` is "52.65%" while running and the report or the error text at the end. Notifications are
 * POSTed by ETIM to us as `{new: [...], modified: [...], deleted: [...]}` product ids.
 */
import { StewardError } from '../../../shared/errors';
import { percentEncode } from '../../net';
import { wallToIso } from '../cet';
import type { ChangeNotice, ConnectorContext, RemoteJobStatus } from '../types';
import { etimCall, isDoc } from './request';
import type { EtimDoc } from './request';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** "Selected products: 1000 | Created products: 0 | …" → the number selected. */
function selectedProducts(info: string): number | undefined {
  const m = /Selected products:\s*(\d+)/i.exec(info);
  return m ? Number(m[1]) : undefined;
}

export function toJobStatus(body: EtimDoc, fallbackId: string): RemoteJobStatus {
  const stage = text(body.status) ?? 'unknown';
  const info = text(body.info) ?? null;
  const remoteId = text(body['progress-id']) ?? fallbackId;
  const base = { remoteId, kind: 'synchronization' as const, stage, message: info, issues: [] };
  const started = text(body['starting-time']);
  const updatedAt = started ? wallToIso(started) : undefined;
  const when = updatedAt ? { updatedAt } : {};
  if (stage === 'in progress') {
    const pct = info ? /(\d+(?:\.\d+)?)\s*%/.exec(info) : null;
    return { ...base, state: 'running', percent: pct ? Number(pct[1]) : null, ...when };
  }
  if (stage === 'done') {
    const total = info ? selectedProducts(info) : undefined;
    return { ...base, state: 'succeeded', percent: 100, ...(total !== undefined ? { total } : {}), ...when };
  }
  return {
    ...base,
    state: 'failed',
    percent: null,
    issues: [{ severity: 'error', message: info ?? `ETIM synchronization ended with status "${stage}".` }],
    ...when,
  };
}

/**
 * Starts a trigger. The seed prints no method for it; a GET is what its URL-only form suggests (the
 * demo PIM accepts GET, PUT and POST). A run refused at once ("already in progress") has no
 * progress id: its status carries the trigger id instead and is already final.
 */
export async function runSynchronization(
  ctx: ConnectorContext,
  trigger: string,
  signal: AbortSignal,
): Promise<RemoteJobStatus> {
  const path = `synchronizations/run/${percentEncode(trigger)}`;
  return toJobStatus(await etimCall(ctx, { method: 'GET', path, signal }), trigger);
}

export async function checkSynchronization(
  ctx: ConnectorContext,
  progressId: string,
  signal: AbortSignal,
): Promise<RemoteJobStatus> {
  const path = `synchronizations/check/${percentEncode(progressId)}`;
  return toJobStatus(await etimCall(ctx, { method: 'GET', path, signal }), progressId);
}

function ids(doc: EtimDoc, key: string): string[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new StewardError('invalid_input', `An ETIM notification's "${key}" must be a list of product ids.`);
  }
  return v;
}

/** The seed's `{new, modified, deleted}` body (parsed or as text) → one notice for products. */
export function parseEtimNotification(body: unknown): ChangeNotice[] {
  let doc: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    try {
      doc = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
    } catch {
      throw new StewardError('invalid_input', 'An ETIM notification must be JSON.');
    }
  }
  if (!isDoc(doc)) throw new StewardError('invalid_input', 'An ETIM notification must be a JSON object.');
  const deleted = ids(doc, 'deleted');
  const gone = new Set(deleted);
  // A product deleted in the same notice is gone: reading it would only find nothing.
  const changed = [...new Set([...ids(doc, 'new'), ...ids(doc, 'modified')])].filter((id) => !gone.has(id));
  if (changed.length === 0 && deleted.length === 0) return [];
  return [{ entity: 'products', changedIds: changed, deletedIds: [...gone] }];
}

/**
 * `steward push --dry-run`: the requests the queue would send now, produced by the connector's own
 * `push` over a transport that records each request and answers a neutral 200 without any network.
 * Batches are packed exactly as a real run packs them, so the listing is what would go out (minus
 * the Authorization header, added when sending, and the reads a real run makes first to check for
 * remote changes and lost creates). Nothing in the mirror changes and no credential is needed.
 */
import type Database from 'better-sqlite3';
import type { Connection } from '../../shared/domain';
import { connectorDefinitions } from '../connectors/registry';
import { entityCapabilities, pushOrder, requireMethod } from '../connectors/types';
import type { Connector, PushOp, PushOpKind } from '../connectors/types';
import { createHttpClient, systemClock } from '../net';
import type { HttpTransport } from '../net';
import { APP_VERSION } from '../version';
import { buildOp } from './ops';
import { packBatches, packLimits } from './pack';
import { createQueueRows } from './rows';
import type { DryRunRequest, DryRunResult } from './types';

/** Parses as every connector's success: a WEXBO envelope, an ETIM report object, a PrintXpand answer. */
const NEUTRAL_ANSWER = JSON.stringify({ result: true, data: [{ id: 0 }], errors: [] });

interface Captured {
  method: string;
  url: string;
  contentType: string | null;
  body: string | null;
}

function capturingConnector(conn: Connection, captured: Captured[]): Connector {
  const def = connectorDefinitions[conn.kind];
  const transport: HttpTransport = async (req) => {
    captured.push({
      method: req.method,
      url: req.url,
      contentType: req.headers['content-type'] ?? null,
      body:
        req.body === undefined
          ? null
          : typeof req.body === 'string'
            ? req.body
            : Buffer.from(req.body).toString('utf8'),
    });
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(NEUTRAL_ANSWER),
    };
  };
  const http = createHttpClient({
    baseUrl: conn.baseUrl,
    transport,
    maxBodyBytes: def.capabilities.limits.maxBodyBytes,
    userAgent: `PIM-Steward/${APP_VERSION}`,
  });
  return def.create({
    connectionId: conn.id,
    baseUrl: conn.baseUrl,
    settings: { ...def.defaultSettings, ...conn.settings },
    http,
    clock: systemClock,
  });
}

/** Every pending row counts, retry times aside: the dry run answers "what is left to send". */
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

export async function dryRunPush(sqlite: Database.Database, conn: Connection): Promise<DryRunResult> {
  const captured: Captured[] = [];
  const connector = capturingConnector(conn, captured);
  const push = requireMethod(connector, 'push');
  const rows = createQueueRows(sqlite);
  const requests: DryRunRequest[] = [];
  const operations: Record<PushOpKind, number> = { create: 0, update: 0, delete: 0 };
  const limits = packLimits(connector.capabilities.limits);
  const signal = new AbortController().signal;
  for (const entity of pushOrder(connector.capabilities, rows.dueEntities(conn.id, FAR_FUTURE))) {
    const idempotent = entityCapabilities(connector.capabilities, entity).idempotentCreate;
    const ops: PushOp[] = [];
    for (const row of rows.due(conn.id, entity, FAR_FUTURE, Number.MAX_SAFE_INTEGER)) {
      const built = buildOp(row, idempotent);
      if (built.kind !== 'op') continue;
      ops.push(built.op);
      operations[built.op.op] += 1;
    }
    const measure = (b: readonly PushOp[]) =>
      connector.measureBatch?.(entity, b) ?? { bytes: 0, params: 0, requests: 1 };
    for (const [i, batch] of packBatches(ops, measure, limits).entries()) {
      const before = captured.length;
      try {
        await push(entity, batch, signal);
      } catch {
        // The neutral answer cannot satisfy every reader (an ETIM delete report); the request is captured.
      }
      for (const c of captured.slice(before))
        requests.push({ entity, batch: i + 1, records: batch.length, ...c });
    }
  }
  return { connectionId: conn.id, requests, operations, conflicts: rows.conflicts(conn.id) };
}

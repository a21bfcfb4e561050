/**
 * The dry-run diff and "apply valid rows as local edits" (issue 6 items 7 and 8) and `steward apply`
 * (item 9), on a real core with the demo PIM's WEXBO shop mirrored: a supplier CSV with a changed
 * price, an unchanged row, a new product, a bad price, an empty code and a duplicate; the diff says
 * which is which, the apply queues exactly the valid rows, push delivers them to the demo PIM, undo
 * takes the field changes back. Also: fix a cell and validate again, export, and the refusals.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/cli/commands/apply';
import type { CliIo } from '../../../src/cli/io';
import { startPushHarness } from '../push/harness';
import type { PushHarness } from '../push/harness';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: {}, isTTY: false, stdout, stderr };
}

interface Doc {
  code: string;
  name: string;
  price: number;
  stock?: number | null;
}

describe('dry-run diff and apply of a validated file', () => {
  let h: PushHarness;
  let file: string;
  let a: Doc;
  let b: Doc;
  let aId: number;
  let gone: number;

  beforeEach(async () => {
    h = await startPushHarness({ products: 40 });
    await h.core.sync.run('demo-wexbo');
    const ids = h.recordIds('demo-wexbo', 3);
    aId = ids[0] as number;
    a = h.record(aId)?.base as unknown as Doc;
    b = h.record(ids[1] as number)?.base as unknown as Doc;
    gone = ids[2] as number;
    const price = (p: number) => p.toFixed(2);
    file = join(h.core.dataDir, 'supplier.csv');
    writeFileSync(
      file,
      [
        'code,name,price,stock',
        `${a.code},${a.name},${price(a.price + 1)},7`,
        `${b.code},${b.name},${price(b.price)},${b.stock ?? ''}`,
        'new-racket-9,New racket,19.90,3',
        'bad-price-1,Broken,twelve,1',
        ',No code,1.00,1',
        `${a.code},${a.name} again,1.00,1`,
        '',
      ].join('\n'),
    );
  });
  afterEach(async () => {
    await h.close();
  });

  async function validated(connectionId = 'demo-wexbo'): Promise<number> {
    const run = await h.core.validation.startPath({ path: file, connectionId });
    const done = await h.core.validation.settled(run.runId);
    expect(done.status).toBe('done');
    return run.runId;
  }

  it('says per row what would change, and what the file does not mention', async () => {
    const runId = await validated();
    const diff = await h.call('validation:diff', { runId });
    expect(diff.entity).toBe('products');
    expect(diff.keyColumn).toBe('code');
    // The 40-product mirror: a, b and the two bad rows' keys are mentioned; 37 are missing.
    expect(diff.counts).toMatchObject({ new: 1, modified: 1, unchanged: 1, invalid: 2, duplicate: 1 });
    expect(diff.counts.missing).toBe(38);
    expect(diff.missing.map((m) => m.recordId)).toContain(gone);
    const modified = diff.rows.find((r) => r.status === 'modified');
    expect(modified).toMatchObject({ row: 1, key: a.code, recordId: aId });
    expect(modified?.changes).toEqual(
      expect.arrayContaining([
        { path: 'price', old: a.price, new: Number((a.price + 1).toFixed(2)) },
        { path: 'stock', old: a.stock ?? null, new: 7 },
      ]),
    );
    const fresh = diff.rows.find((r) => r.status === 'new');
    expect(fresh).toMatchObject({ row: 3, key: 'new-racket-9', recordId: null });
    const invalid = diff.rows.filter((r) => r.status === 'invalid');
    expect(invalid.map((r) => r.row)).toEqual([4, 5]);
    expect(invalid[0]?.problems.join(' ')).toMatch(/price/);
    const dup = diff.rows.find((r) => r.status === 'duplicate');
    expect(dup).toMatchObject({ row: 6, key: a.code });
    // A page by status.
    const onlyNew = await h.call('validation:diff', { runId, status: 'new' });
    expect(onlyNew.rows.map((r) => r.key)).toEqual(['new-racket-9']);
    expect(onlyNew.total).toBe(1);
    // Nothing was written.
    expect(h.outbox('demo-wexbo')).toEqual([]);
  });

  it('applies the valid rows as one undoable group, queued and delivered by push', async () => {
    const runId = await validated();
    const outcome = await h.call('validation:apply', { runId });
    expect(outcome).toMatchObject({ updated: 1, fields: 2, created: 1, unchanged: 1, skippedCount: 3 });
    expect(outcome.skipped.map((s) => s.row).sort()).toEqual([4, 5, 6]);
    expect(h.record(aId)?.local).toMatchObject({ price: Number((a.price + 1).toFixed(2)), stock: 7 });
    const queue = h.outbox('demo-wexbo');
    expect(queue.map((q) => q.op).sort()).toEqual(['create', 'update']);
    // Applying again changes nothing more: the rows now equal the local copies (the new one too).
    const again = await h.call('validation:diff', { runId });
    expect(again.counts).toMatchObject({ modified: 0, unchanged: 3, new: 0 });

    const result = await h.push('demo-wexbo');
    expect(result).toMatchObject({ sent: 2, rejected: 0, pending: 0 });
    expect(h.pim.admin.getProduct(Number(h.remoteId(aId)))).toMatchObject({
      price: Number((a.price + 1).toFixed(2)),
      stock: 7,
    });
    const made = h.pim.admin.getProduct('new-racket-9') as { name: unknown } | null;
    expect(made).toMatchObject({ price: 19.9, stock: 3 });
    // WEXBO keeps names per language; the demo shop's default language gets the file's text.
    expect(JSON.stringify(made?.name)).toContain('New racket');
  });

  it('undo takes the applied field changes back', async () => {
    const runId = await validated();
    const outcome = await h.call('validation:apply', { runId, create: false });
    expect(outcome.created).toBe(0);
    expect(outcome.skipped.some((s) => s.key === 'new-racket-9' && /not created/.test(s.message))).toBe(true);
    const undone = await h.call('edits:undo', { connectionId: 'demo-wexbo' });
    expect(undone?.label).toContain('supplier.csv');
    expect(h.record(aId)?.state).toBe('clean');
  });

  it('fixes a cell, validates again, and exports the corrected file and the errors', async () => {
    const runId = await validated();
    const rows = await h.call('validation:getRows', { runId, rows: [4] });
    expect(rows.rows[0]?.cells).toEqual(['bad-price-1', 'Broken', 'twelve', '1']);
    const issues = await h.call('validation:getIssues', { runId, severity: 'error' });
    expect(issues.issues.some((i) => i.row === 4 && i.column === 'price')).toBe(true);
    const next = await h.call('validation:fix', {
      runId,
      cells: [
        { row: 4, column: 'price', value: '12.00' },
        { row: 5, column: 'code', value: 'no-code-5' },
      ],
    });
    expect(next.previousRunId).toBe(runId);
    const done = await h.core.validation.settled(next.runId);
    expect(done.status).toBe('done');
    const fixedIssues = await h.call('validation:getIssues', { runId: next.runId, severity: 'error' });
    expect(fixedIssues.issues.filter((i) => i.row === 4 || i.row === 5)).toEqual([]);
    const diff = await h.call('validation:diff', { runId: next.runId });
    expect(diff.counts).toMatchObject({ new: 3, invalid: 0 });
    // The corrected copy has its own token: another run (here with a new mapping) reads it, as an
    // importer would.
    expect(next.fileToken).toBe(`run_${next.runId}`);
    const remapped = await h.call('validation:start', {
      file: { fileToken: next.fileToken },
      connectionId: 'demo-wexbo',
      template: 'wexbo-products',
      mapping: ['code', 'name', 'price', null],
    });
    const remappedDone = await h.core.validation.settled(remapped.runId);
    expect(remappedDone).toMatchObject({ status: 'done', fileName: 'supplier-fixed.csv' });
    const mappingOnly = await h.call('validation:fix', {
      runId: remapped.runId,
      cells: [],
      mapping: ['code', 'name', 'price', 'stock'],
    });
    expect((await h.core.validation.settled(mappingOnly.runId)).report?.mapping.mapping).toEqual([
      'code',
      'name',
      'price',
      'stock',
    ]);
    const runs = await h.call('validation:listRuns', {});
    expect(runs.every((r) => !r.fileName.includes('/'))).toBe(true);

    const errors = await h.call('validation:export', { runId, what: 'errors', format: 'csv' });
    expect(errors.rows).toBeGreaterThan(0);
    const corrected = await h.call('validation:export', {
      runId: next.runId,
      what: 'corrected',
      format: 'xlsx',
    });
    expect(corrected.name).toBe('supplier-fixed-corrected.xlsx');
    const written = join(h.core.dataDir, 'files', `run-${next.runId}`, corrected.name);
    expect(existsSync(written)).toBe(true);
  });

  it('applies PrintXpand customers: renamed columns, new records, pushed to the demo store', async () => {
    const customers = join(h.core.dataDir, 'customers.csv');
    writeFileSync(
      customers,
      'id,first_name,last_name,email\ncust-1,Jana,Nováková,jana@example.com\ncust-2,Peter,Kováč,peter@example.com\n',
    );
    const run = await h.core.validation.startPath({ path: customers, connectionId: 'demo-printxpand' });
    const done = await h.core.validation.settled(run.runId);
    expect(done.report?.template.id).toBe('printxpand-customers');
    const diff = await h.call('validation:diff', { runId: run.runId });
    expect(diff).toMatchObject({ entity: 'customers', keyColumn: 'id', counts: { new: 2, invalid: 0 } });
    expect(diff.columns).toEqual(
      expect.arrayContaining([
        { column: 'first_name', path: 'firstname' },
        { column: 'last_name', path: 'lastname' },
      ]),
    );
    const outcome = await h.call('validation:apply', { runId: run.runId });
    expect(outcome).toMatchObject({ created: 2, skippedCount: 0 });
    const made = h.core.store.sqlite
      .prepare(`SELECT local FROM record WHERE connection_id = 'demo-printxpand' AND entity = 'customers'`)
      .pluck()
      .all() as string[];
    expect(made.map((d) => JSON.parse(d) as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        { id: 'cust-1', firstname: 'Jana', lastname: 'Nováková', email: 'jana@example.com' },
      ]),
    );
    const pushed = await h.push('demo-printxpand');
    expect(pushed).toMatchObject({ sent: 2, rejected: 0 });
  });

  it('applies ETIM products into overallInformation and etimDescription, as text, and pushes them', async () => {
    await h.core.sync.run('demo-etim');
    const id = h.recordIds('demo-etim', 1)[0] as number;
    const productId = h.remoteId(id) as string;
    const etimFile = join(h.core.dataDir, 'etim.csv');
    writeFileSync(
      etimFile,
      `productId,brandName,countryOfOrigin,netWeight,netWeightUnit,listPrice\n${productId},Globex,"PL,DE",2.5,KGM,19.90\n`,
    );
    const run = await h.core.validation.startPath({ path: etimFile, connectionId: 'demo-etim' });
    const done = await h.core.validation.settled(run.runId);
    expect(done.report?.template.id).toBe('etim-products');
    const diff = await h.call('validation:diff', { runId: run.runId });
    expect(diff.counts).toMatchObject({ modified: 1, invalid: 0 });
    expect(diff.columns.map((c) => c.path)).not.toContain('listPrice');
    const changes = diff.rows[0]?.changes ?? [];
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'overallInformation.brandName', new: 'Globex' }),
        expect.objectContaining({ path: 'overallInformation.countryOfOrigin', new: ['PL', 'DE'] }),
        expect.objectContaining({ path: 'overallInformation.netWeight', new: '2.5' }),
      ]),
    );
    const outcome = await h.call('validation:apply', { runId: run.runId });
    expect(outcome).toMatchObject({ updated: 1, skippedCount: 0 });
    const local = h.record(id)?.local as { overallInformation: Record<string, unknown> };
    expect(local.overallInformation).toMatchObject({ brandName: 'Globex', netWeight: '2.5' });
    const pushed = await h.push('demo-etim');
    expect(pushed).toMatchObject({ sent: 1, rejected: 0 });
  });

  it('refuses rows for a connection that only imports files, and says why', async () => {
    const runId = await validated();
    const res = await h.core.dispatch('validation:diff', { runId, connectionId: 'demo-broadleaf' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/wexbo, not for this broadleaf connection|importer/);
  });

  it('steward apply: --dry-run prints the diff; a real run queues and says what was left out', async () => {
    const dry = io();
    expect(await applyCommand(h.core, dry, { 'dry-run': true }, ['Demo WEXBO shop', file])).toBe(0);
    const text = dry.stdout.join('\n');
    expect(text).toMatch(/Diff: +1 new, 1 modified \(2 fields\), 1 unchanged, 2 invalid, 1 duplicate/);
    expect(text).toContain(
      `row 1 ${a.code} modified: price: ${a.price} → ${Number((a.price + 1).toFixed(2))}`,
    );
    expect(text).toContain('Nothing was changed');
    expect(h.outbox('demo-wexbo')).toEqual([]);

    const real = io();
    expect(await applyCommand(h.core, real, {}, ['demo-wexbo', file])).toBe(1);
    const out = real.stdout.join('\n');
    expect(out).toMatch(/Queued: +2 field changes on 1 records, 1 new records; 1 rows unchanged/);
    expect(out).toMatch(/Skipped: +3 rows/);
    expect(out).toMatch(/row 4 bad-price-1: price/);
    expect(h.outbox('demo-wexbo')).toHaveLength(2);

    const json = io();
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(0, 4).join('\n'));
    expect(await applyCommand(h.core, json, { json: true }, ['demo-wexbo', file])).toBe(0);
    const parsed = JSON.parse(json.stdout.join('\n')) as { outcome: { skippedCount: number } };
    expect(parsed.outcome.skippedCount).toBe(0);

    const unreadable = io();
    expect(await applyCommand(h.core, unreadable, {}, ['demo-wexbo', join(h.core.dataDir, 'nope.csv')])).toBe(
      2,
    );
    expect(unreadable.stderr.join('\n')).toMatch(/steward apply: /);
  });
});

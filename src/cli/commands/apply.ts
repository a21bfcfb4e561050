/**
 * `steward apply NAME FILE [--images ZIP] [--template NAME|PATH] [--sheet S] [--header-row N]
 * [--dry-run] [--no-create] [--json]`: validates a supplier file against the connection's template,
 * shows the dry-run diff against the mirror and applies the valid rows as local edits (one undo group;
 * new rows become new records), queued for `steward push`. The same service as the Import screen.
 *
 * Exit codes: 0 every row applied (or nothing to do), 1 rows were left out (their reasons are
 * printed), 2 the file or template cannot be read or the rows cannot become edits of this connection.
 */
import { resolve } from 'node:path';
import type { Core } from '../../core';
import { loadTemplate } from '../../core/validation';
import type { Template } from '../../core/validation';
import { isStewardError } from '../../shared/errors';
import type { DryRunDiff } from '../../shared/validation';
import { createCaller } from '../../shared/rpc';
import { int, positional, str } from '../args';
import type { Values } from '../args';
import { EXIT_FAILURE, EXIT_OK } from '../io';
import type { CliIo } from '../io';
import { findConnection } from '../lookup';

const EXIT_UNREADABLE = 2;
/** Rows of each kind printed by --dry-run and in the outcome. */
const SHOWN = 20;
const fmt = (n: number) => n.toLocaleString('en-US');
const show = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);

function printDiff(io: CliIo, d: DryRunDiff): void {
  const c = d.counts;
  io.out(
    `Diff:     ${fmt(c.new)} new, ${fmt(c.modified)} modified (${fmt(c.fields)} fields), ${fmt(c.unchanged)} unchanged, ${fmt(c.invalid)} invalid, ${fmt(c.duplicate)} duplicate; ${fmt(c.missing)} records of the mirror not in the file`,
  );
  for (const r of d.rows.slice(0, SHOWN)) {
    const what =
      r.status === 'modified'
        ? r.changes.map((x) => `${x.path}: ${show(x.old)} → ${show(x.new)}`).join('; ')
        : r.status === 'new'
          ? r.changes.map((x) => `${x.path}=${show(x.new)}`).join(', ')
          : r.problems.join(' ');
    io.out(`  row ${fmt(r.row)} ${r.key} ${r.status}: ${what}`);
  }
  if (d.total > SHOWN) io.out(`  … and ${fmt(d.total - SHOWN)} more rows`);
}

export async function applyCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const conn = await findConnection(call, positional(positionals, 0, 'connection name'));
  const file = resolve(positional(positionals, 1, 'file'));
  const images = str(values, 'images');
  const templateArg = str(values, 'template');
  const sheet = str(values, 'sheet');
  const headerRow = int(values, 'header-row');
  const asJson = values.json === true;
  let template: Template | undefined;
  try {
    template = templateArg ? loadTemplate(templateArg) : undefined;
  } catch (err) {
    io.err(`steward apply: ${(err as Error).message}`);
    return EXIT_UNREADABLE;
  }
  const started = await core.validation.startPath({
    path: file,
    connectionId: conn.id,
    ...(images ? { images: resolve(images) } : {}),
    ...(template ? { template } : {}),
    ...(sheet ? { sheet } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
  });
  const run = await core.validation.settled(started.runId);
  const report = run.report;
  if (run.status !== 'done' || !report) {
    io.err(`steward apply: ${report?.fatal ?? `the validation ${run.status}`}`);
    return EXIT_UNREADABLE;
  }
  let diff: DryRunDiff;
  try {
    diff = await call('validation:diff', { runId: run.runId, connectionId: conn.id, limit: 1000 });
  } catch (err) {
    io.err(`steward apply: ${isStewardError(err) || err instanceof Error ? err.message : String(err)}`);
    return EXIT_UNREADABLE;
  }
  if (values['dry-run'] === true) {
    if (asJson) io.out(JSON.stringify({ runId: run.runId, report, diff }, null, 2));
    else {
      io.out(`${report.file} → ${conn.name} (${report.template.id}), ${fmt(report.rows)} rows`);
      io.out(`Checks:   ${fmt(report.counts.error)} errors, ${fmt(report.counts.warning)} warnings`);
      printDiff(io, diff);
      io.out('Nothing was changed (--dry-run).');
    }
    return EXIT_OK;
  }
  const outcome = await call('validation:apply', {
    runId: run.runId,
    connectionId: conn.id,
    create: values['no-create'] !== true,
  });
  if (asJson) io.out(JSON.stringify({ runId: run.runId, counts: diff.counts, outcome }, null, 2));
  else {
    io.out(`${report.file} → ${conn.name} (${report.template.id}), ${fmt(report.rows)} rows`);
    io.out(
      `Queued:   ${fmt(outcome.fields)} field changes on ${fmt(outcome.updated)} records, ${fmt(outcome.created)} new records; ${fmt(outcome.unchanged)} rows unchanged`,
    );
    if (outcome.skippedCount > 0) {
      io.out(`Skipped:  ${fmt(outcome.skippedCount)} rows`);
      for (const s of outcome.skipped.slice(0, SHOWN)) io.out(`  row ${fmt(s.row)} ${s.key}: ${s.message}`);
      if (outcome.skippedCount > SHOWN) io.out(`  … and ${fmt(outcome.skippedCount - SHOWN)} more`);
    }
    if (outcome.fields + outcome.created > 0)
      io.out(
        `Send them with \`steward push ${conn.name}\`; undo the field changes with \`steward undo ${conn.name}\`.`,
      );
  }
  return outcome.skippedCount > 0 ? EXIT_FAILURE : EXIT_OK;
}

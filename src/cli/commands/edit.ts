/**
 * steward edit | new | delete | undo: offline edits from a script, through the same contract channels
 * as the grid (edits:apply, records:create, records:delete, edits:undo), so they are validated against
 * the remote's field rules, journaled, undoable and queued for `steward push`.
 *
 * Values: `path=value`. A field with a known rule takes the value as the grid takes typed text
 * (numbers for number fields, text for codes and GTINs, strings only for ETIM); other fields take
 * JSON when it parses (12.5, true, {"sk":"…"}) and the plain text otherwise.
 */
import type { Core } from '../../core';
import { setPath } from '../../core/sync/json-path';
import type { ConnectionKind } from '../../shared/domain';
import { coerceCellText, ruleForPath, rulesFor } from '../../shared/field-rules';
import { createCaller } from '../../shared/rpc';
import { findConnection, findRecord } from '../lookup';
import { positional } from '../args';
import type { Values } from '../args';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import type { CliIo } from '../io';
import { parseValue } from './sync';

export interface Assignment {
  path: string;
  value: unknown;
}

/** `path=value` pairs, each value typed by the field's rule when there is one. */
export function parseAssignments(
  items: readonly string[],
  kind: ConnectionKind,
  entity: string,
): Assignment[] {
  if (items.length === 0) throw new UsageError('give at least one path=value');
  const rules = rulesFor(kind, entity);
  return items.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected path=value, got "${item}"`);
    const path = item.slice(0, eq);
    const text = item.slice(eq + 1);
    const rule = ruleForPath(rules, path);
    const topLevel = !path.includes('.');
    const value =
      rules?.stringsOnly || (rule && topLevel)
        ? coerceCellText(rule, text, rules?.stringsOnly)
        : parseValue(text);
    return { path, value };
  });
}

export async function editCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const conn = await findConnection(call, positional(positionals, 0, 'connection'));
  const entity = positional(positionals, 1, 'entity');
  const { recordId } = await findRecord(call, conn.id, entity, positional(positionals, 2, 'id'));
  const assignments = parseAssignments(positionals.slice(3), conn.kind, entity);
  const outcome = await call('edits:apply', {
    edits: assignments.map((a) => ({ recordId, path: a.path, value: a.value })),
    label: `steward edit ${entity} ${positionals[2]}`,
  });
  if (values.json) io.out(JSON.stringify(outcome, null, 2));
  else {
    io.out(`${outcome.changed} field(s) changed; queued for \`steward push\`.`);
    for (const r of outcome.rejected) io.err(`${r.path}: ${r.message}`);
  }
  return outcome.rejected.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

export async function newCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const conn = await findConnection(call, positional(positionals, 0, 'connection'));
  const entity = positional(positionals, 1, 'entity');
  let doc: Record<string, unknown> = {};
  for (const a of parseAssignments(positionals.slice(2), conn.kind, entity))
    doc = setPath(doc, a.path, a.value);
  const { recordId } = await call('records:create', { connectionId: conn.id, entity, doc });
  if (values.json) io.out(JSON.stringify({ recordId }, null, 2));
  else io.out(`New ${entity} record #${recordId}; it is created on the remote by \`steward push\`.`);
  return EXIT_OK;
}

export async function deleteCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const conn = await findConnection(call, positional(positionals, 0, 'connection'));
  const entity = positional(positionals, 1, 'entity');
  const id = positional(positionals, 2, 'id');
  const { recordId } = await findRecord(call, conn.id, entity, id);
  const result = await call('records:delete', { recordId });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else
    io.out(
      result.removed
        ? `${entity} ${id} was never sent; it is gone.`
        : `${entity} ${id} is marked for deletion; \`steward push\` deletes it on the remote.`,
    );
  return EXIT_OK;
}

export async function undoCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
): Promise<number> {
  const call = createCaller(core.dispatch);
  const connectionId = positionals[0] ? (await findConnection(call, positionals[0])).id : undefined;
  const result = await call('edits:undo', { ...(connectionId ? { connectionId } : {}) });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else io.out(result ? `Undid "${result.label}" (${result.changed} change(s)).` : 'Nothing to undo.');
  return result ? EXIT_OK : EXIT_FAILURE;
}

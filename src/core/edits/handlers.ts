/** The edits:* and records:* channels. Every change refreshes the status bar and the grid. */
import type { Handlers } from '../../shared/contract';
import { StewardError } from '../../shared/errors';
import type { HandlerContext } from '../handlers';
import { entityRecordIds, fillDown, findReplace, pasteTsv, setField } from './bulk';
import { createEditor } from './editor';
import type { EditOutcome } from './editor';
import { createRecord, deleteRecord, restoreRecord } from './lifecycle';

type EditHandlers = Pick<
  Handlers,
  | 'edits:apply'
  | 'edits:setField'
  | 'edits:findReplace'
  | 'edits:fillDown'
  | 'edits:pasteTsv'
  | 'edits:undo'
  | 'edits:redo'
  | 'edits:revert'
  | 'records:create'
  | 'records:delete'
  | 'records:restore'
  | 'records:history'
>;

const LIST_LIMIT = 1000;

export function createEditHandlers(ctx: HandlerContext): EditHandlers {
  const { sqlite } = ctx.store;
  const editor = createEditor(sqlite, ctx.now);
  const changed = (recordIds: number[]) => {
    ctx.emit('records:changed', {
      recordIds: recordIds.slice(0, LIST_LIMIT),
      all: recordIds.length > LIST_LIMIT,
    });
    ctx.statusChanged();
  };
  const done = (outcome: EditOutcome, recordIds: readonly number[]): EditOutcome => {
    if (outcome.changed > 0) changed([...new Set(recordIds)]);
    return outcome;
  };
  const groupRecords = (groupId: string) =>
    (
      sqlite.prepare(`SELECT DISTINCT record_id FROM edit WHERE group_id = ?`).all(groupId) as {
        record_id: number;
      }[]
    ).map((r) => r.record_id);
  return {
    'edits:apply': ({ edits, label }) =>
      done(
        editor.apply(label, edits),
        edits.map((e) => e.recordId),
      ),
    'edits:setField': ({ recordIds, path, value }) =>
      done(setField(editor, recordIds, path, value), recordIds),
    'edits:findReplace': (input) => {
      const recordIds =
        input.recordIds ??
        (input.connectionId && input.entity
          ? entityRecordIds(sqlite, input.connectionId, input.entity)
          : null);
      if (!recordIds) {
        throw new StewardError(
          'invalid_input',
          'Find and replace needs the selected records, or a connection and entity.',
        );
      }
      const result = findReplace(editor, { ...input, recordIds });
      if (result.outcome)
        done(
          result.outcome,
          result.preview.map((p) => p.recordId).concat(recordIds.length <= LIST_LIMIT ? recordIds : []),
        );
      return result;
    },
    'edits:fillDown': ({ recordIds, path }) => done(fillDown(editor, recordIds, path), recordIds),
    'edits:pasteTsv': (input) => done(pasteTsv(editor, input), input.recordIds),
    'edits:undo': ({ connectionId }) => {
      const result = editor.undo(connectionId);
      if (result) changed(groupRecords(result.groupId));
      return result;
    },
    'edits:redo': ({ connectionId }) => {
      const result = editor.redo(connectionId);
      if (result) changed(groupRecords(result.groupId));
      return result;
    },
    'edits:revert': ({ recordId, path }) => done(editor.revert(recordId, path), [recordId]),
    'records:create': (input) => {
      const recordId = createRecord(sqlite, input, ctx.now);
      changed([recordId]);
      return { recordId };
    },
    'records:delete': ({ recordId }) => {
      const result = deleteRecord(sqlite, recordId, ctx.now);
      changed([recordId]);
      return result;
    },
    'records:restore': ({ recordId }) => {
      const state = restoreRecord(sqlite, recordId, ctx.now);
      changed([recordId]);
      return { state };
    },
    'records:history': ({ recordId, limit }) =>
      (
        sqlite
          .prepare(
            `SELECT id, path, old, new, group_id, undone, created_at FROM edit WHERE record_id = ? ORDER BY id DESC LIMIT ?`,
          )
          .all(recordId, limit) as {
          id: number;
          path: string;
          old: string | null;
          new: string | null;
          group_id: string;
          undone: number;
          created_at: string;
        }[]
      ).map((e) => ({
        id: e.id,
        path: e.path,
        old: e.old === null ? null : JSON.parse(e.old),
        new: e.new === null ? null : JSON.parse(e.new),
        groupId: e.group_id,
        undone: e.undone === 1,
        createdAt: e.created_at,
      })),
  };
}

/**
 * Find and replace over one column (edits:findReplace): plain text or a regular expression, in the
 * selected rows or the whole entity. "Preview" lists before → after (core returns the first 200 and
 * the count); "Replace all" applies every match as one undoable group.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { EditOutcome, GridColumn } from '../../../shared/domain';
import { api } from '../api/client';
import { Modal } from '../components/modal';
import { t } from '../i18n';
import { recordTitle } from './record-text';
import { buildReplace, replaceableColumns } from './replace';
import type { ReplaceRequest } from './replace';
import { RejectedList } from './rejected-list';
import type { RowLabel } from './rejected-list';

/** The text with each match wrapped in <mark>. */
function marked(text: string, req: ReplaceRequest): ReactNode {
  let re: RegExp;
  try {
    re = new RegExp(req.pattern, `${req.flags}g`);
  } catch {
    return text;
  }
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') continue;
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(<mark key={at}>{m[0]}</mark>);
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

type Preview = ChannelOutput<'edits:findReplace'>;

export function FindReplaceDialog(props: {
  columns: readonly GridColumn[];
  initialPath: string | undefined;
  connectionId: string;
  entity: string;
  sourceName: string;
  /** How many rows are selected, and a way to read their record ids. */
  selectedRows: number;
  selectedIds: () => Promise<number[]>;
  rowLabel: (recordId: number) => RowLabel | undefined;
  onDone: (outcome: EditOutcome, column: GridColumn) => void;
  onClose: () => void;
}) {
  const columns = replaceableColumns(props.columns);
  const [path, setPath] = useState(
    columns.some((c) => c.path === props.initialPath)
      ? (props.initialPath as string)
      : (columns[0]?.path ?? ''),
  );
  const [find, setFind] = useState('');
  const [replacement, setReplacement] = useState('');
  const [regex, setRegex] = useState(false);
  const [matchCase, setMatchCase] = useState(false);
  const [scope, setScope] = useState<'selection' | 'entity'>(props.selectedRows > 1 ? 'selection' : 'entity');
  const [preview, setPreview] = useState<{ key: string; result: Preview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejected, setRejected] = useState<EditOutcome | null>(null);
  const [names, setNames] = useState<ReadonlyMap<number, string>>(new Map());
  const column = columns.find((c) => c.path === path);
  const req = buildReplace({ find, replacement, regex, matchCase });
  const key = JSON.stringify([path, req.pattern, req.flags, req.replacement, scope]);
  const current = preview?.key === key ? preview.result : null;

  const request = async (dryRun: boolean): Promise<Preview> => {
    const where: Pick<ChannelInput<'edits:findReplace'>, 'recordIds' | 'connectionId' | 'entity'> = scope ===
    'selection'
      ? { recordIds: await props.selectedIds() }
      : { connectionId: props.connectionId, entity: props.entity };
    return api.invoke('edits:findReplace', {
      ...where,
      path,
      pattern: req.pattern,
      flags: req.flags,
      replacement: req.replacement,
      preview: dryRun,
    });
  };
  // Records of the preview that are not among the grid's loaded rows are looked up by id, so every
  // line names its product (at most 200, one small read each).
  const nameUnseen = (ids: number[]) => {
    const unseen = ids.filter((id) => !props.rowLabel(id) && !names.has(id));
    if (unseen.length === 0) return;
    Promise.all(
      unseen.map((recordId) =>
        api
          .invoke('records:get', { recordId })
          .then((d) => [recordId, recordTitle(d.local ?? d.base, d.remoteId, recordId)] as const)
          .catch(() => [recordId, t('grid.record', { id: recordId })] as const),
      ),
    ).then(
      (found) => setNames((old) => new Map([...old, ...found])),
      () => undefined,
    );
  };
  const run = (dryRun: boolean) => {
    if (!column || find === '' || req.error) return;
    setBusy(true);
    setError(null);
    setRejected(null);
    request(dryRun)
      .then((result) => {
        if (dryRun) {
          setPreview({ key, result });
          nameUnseen(result.preview.map((p) => p.recordId));
        } else if (result.outcome && result.outcome.rejected.length > 0) {
          setRejected(result.outcome);
          setPreview(null);
        } else {
          props.onDone(result.outcome ?? { groupId: null, changed: 0, records: 0, rejected: [] }, column);
        }
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run(true);
  };

  const patternError = find !== '' && req.error ? t('grid.fr.badPattern', { error: req.error }) : null;
  return (
    <Modal title={t('grid.fr.title')} onClose={props.onClose} className="modal--tool">
      <form className="tool-form" onSubmit={onSubmit}>
        <div className="tool-form__grid">
          <label className="tool-field">
            <span>{t('grid.fr.column')}</span>
            <select value={path} onChange={(e) => setPath(e.target.value)}>
              {columns.map((c) => (
                <option key={c.path} value={c.path}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="tool-field tool-field--scope">
            <legend>{t('grid.fr.scope')}</legend>
            <label className="radio">
              <input
                type="radio"
                name="fr-scope"
                checked={scope === 'selection'}
                onChange={() => setScope('selection')}
              />
              {t('grid.fr.scopeSelection', { n: props.selectedRows })}
            </label>
            <label className="radio">
              <input
                type="radio"
                name="fr-scope"
                checked={scope === 'entity'}
                onChange={() => setScope('entity')}
              />
              {t('grid.fr.scopeEntity', { source: props.sourceName, entity: props.entity })}
            </label>
          </fieldset>
          <label className="tool-field">
            <span>{t('grid.fr.find')}</span>
            <input
              type="text"
              data-autofocus
              value={find}
              aria-invalid={patternError ? true : undefined}
              aria-describedby={patternError ? 'fr-pattern-error' : undefined}
              className={regex ? 'mono' : undefined}
              onChange={(e) => setFind(e.target.value)}
            />
          </label>
          <label className="tool-field">
            <span>{t('grid.fr.replace')}</span>
            <input
              type="text"
              value={replacement}
              className={regex ? 'mono' : undefined}
              onChange={(e) => setReplacement(e.target.value)}
            />
          </label>
          <div className="tool-form__checks">
            <label className="radio">
              <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} />
              {t('grid.fr.regex')}
            </label>
            <label className="radio">
              <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
              {t('grid.fr.matchCase')}
            </label>
          </div>
          <p className="tool-form__hint muted">{regex ? t('grid.fr.regexHint') : t('grid.fr.plainHint')}</p>
        </div>
        {patternError ? (
          <p id="fr-pattern-error" className="error-text tool-form__error">
            {patternError}
          </p>
        ) : null}
        {error ? (
          <p className="error-text tool-form__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="tool-preview" aria-live="polite">
          {current ? (
            <>
              <p className="tool-preview__count">
                {current.matches === 0
                  ? t('grid.fr.none', { column: column?.label ?? path })
                  : current.matches > current.preview.length
                    ? t('grid.fr.countSome', { n: current.matches, shown: current.preview.length })
                    : t(current.matches === 1 ? 'grid.fr.countOne' : 'grid.fr.count', { n: current.matches })}
              </p>
              {current.preview.length > 0 ? (
                <div className="tool-preview__scroll">
                  <table className="table table--compact tool-preview__table">
                    <caption className="visually-hidden">{t('grid.fr.previewCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('grid.fr.record')}</th>
                        <th scope="col">{t('grid.fr.before')}</th>
                        <th scope="col" aria-hidden="true" />
                        <th scope="col">{t('grid.fr.after')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {current.preview.map((p) => (
                        <tr key={p.recordId}>
                          <td className="tool-preview__rec">
                            {props.rowLabel(p.recordId)?.text ?? names.get(p.recordId) ?? '…'}
                          </td>
                          <td>{marked(p.before, req)}</td>
                          <td aria-hidden="true" className="tool-preview__arrow">
                            →
                          </td>
                          <td>
                            <span className="visually-hidden">{t('grid.fr.becomes')} </span>
                            {p.after}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </>
          ) : rejected ? null : (
            <p className="muted tool-preview__empty">{t('grid.fr.previewFirst')}</p>
          )}
          {rejected ? (
            <RejectedList
              outcome={rejected}
              rowLabel={props.rowLabel}
              summary={t('grid.fr.partly', { n: rejected.changed, rejected: rejected.rejected.length })}
            />
          ) : null}
        </div>
        <div className="modal__actions">
          <button type="button" onClick={props.onClose}>
            {rejected ? t('modal.close') : t('modal.cancel')}
          </button>
          <button type="submit" disabled={busy || find === '' || !!req.error || !column}>
            {t('grid.fr.preview')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || !current || current.matches === 0}
            onClick={() => run(false)}
          >
            {current && current.matches > 0
              ? t('grid.fr.applyN', { n: current.matches })
              : t('grid.fr.apply')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

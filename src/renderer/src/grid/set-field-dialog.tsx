/**
 * Sets one field on every selected row (edits:setField) with the column's editor rules: an enum
 * offers its values, a boolean is a checkbox, numbers accept a decimal comma. Values the remote's
 * rules refuse come back with the reason and stay listed here.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { EditOutcome, GridColumn } from '../../../shared/domain';
import { coerceCellText } from '../../../shared/field-rules';
import { api } from '../api/client';
import { Modal } from '../components/modal';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { ruleOf } from './format';
import { RejectedList } from './rejected-list';
import type { RowLabel } from './rejected-list';

export function settableColumns(columns: readonly GridColumn[]): GridColumn[] {
  return columns.filter((c) => !c.readonly && c.type !== 'object' && c.type !== 'list');
}

const HINTS: Partial<Record<GridColumn['type'], MessageKey>> = {
  integer: 'grid.set.hint.integer',
  float: 'grid.set.hint.float',
  currency: 'grid.set.hint.currency',
  date: 'grid.set.hint.date',
  datetime: 'grid.set.hint.datetime',
  code: 'grid.set.hint.code',
  gtin: 'grid.set.hint.gtin',
  email: 'grid.set.hint.email',
  url: 'grid.set.hint.url',
};

export function SetFieldDialog(props: {
  columns: readonly GridColumn[];
  initialPath: string | undefined;
  stringsOnly: boolean;
  selectedRows: number;
  rowsText: string;
  selectedIds: () => Promise<number[]>;
  rowLabel: (recordId: number) => RowLabel | undefined;
  onDone: (outcome: EditOutcome, column: GridColumn) => void;
  onClose: () => void;
}) {
  const columns = settableColumns(props.columns);
  const [path, setPath] = useState(
    columns.some((c) => c.path === props.initialPath)
      ? (props.initialPath as string)
      : (columns[0]?.path ?? ''),
  );
  const column = columns.find((c) => c.path === path);
  const [text, setText] = useState(column?.type === 'enum' ? (column.values?.[0] ?? '') : '');
  const [checked, setChecked] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<EditOutcome | null>(null);

  const pick = (next: string) => {
    setPath(next);
    const col = columns.find((c) => c.path === next);
    setText(col?.type === 'enum' ? (col.values?.[0] ?? '') : '');
    setResult(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!column || busy) return;
    const value =
      column.type === 'boolean' && !props.stringsOnly
        ? checked
        : coerceCellText(ruleOf(column), text, props.stringsOnly);
    setBusy(true);
    setError(null);
    setResult(null);
    props
      .selectedIds()
      .then((recordIds) => api.invoke('edits:setField', { recordIds, path: column.path, value }))
      .then((outcome) => {
        if (outcome.rejected.length > 0) setResult(outcome);
        else props.onDone(outcome, column);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  const hint = column ? HINTS[column.type] : undefined;
  const valueLabel = t('grid.set.value');
  return (
    <Modal title={t('grid.set.title')} onClose={props.onClose} className="modal--tool modal--narrow">
      <form className="tool-form" onSubmit={submit}>
        <p className="tool-form__lead">
          {t(props.selectedRows === 1 ? 'grid.set.leadOne' : 'grid.set.lead', {
            n: props.selectedRows,
            rows: props.rowsText,
          })}
        </p>
        <div className="tool-form__grid tool-form__grid--one">
          <label className="tool-field">
            <span>{t('grid.set.column')}</span>
            <select value={path} onChange={(e) => pick(e.target.value)}>
              {columns.map((c) => (
                <option key={c.path} value={c.path}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          {column?.type === 'boolean' && !props.stringsOnly ? (
            <label className="radio tool-field--check">
              <input
                type="checkbox"
                data-autofocus
                checked={checked}
                onChange={(e) => setChecked(e.target.checked)}
              />
              {t('grid.set.checked', { column: column.label })}
            </label>
          ) : column?.type === 'enum' && column.values ? (
            <label className="tool-field">
              <span>{valueLabel}</span>
              <select value={text} data-autofocus onChange={(e) => setText(e.target.value)}>
                {column.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label className="tool-field">
              <span>{valueLabel}</span>
              <input
                type="text"
                data-autofocus
                value={text}
                inputMode={column?.type === 'integer' || column?.type === 'float' ? 'decimal' : 'text'}
                aria-describedby={hint ? 'set-field-hint' : undefined}
                onChange={(e) => setText(e.target.value)}
              />
              {hint ? (
                <small id="set-field-hint" className="muted">
                  {t(hint)}
                </small>
              ) : (
                <small className="muted">{t('grid.set.hint.empty')}</small>
              )}
            </label>
          )}
        </div>
        {error ? (
          <p className="error-text tool-form__error" role="alert">
            {error}
          </p>
        ) : null}
        {result ? (
          <RejectedList
            outcome={result}
            rowLabel={props.rowLabel}
            summary={t('grid.set.partly', {
              n: result.changed,
              rejected: result.rejected.length,
              column: column?.label ?? path,
            })}
          />
        ) : null}
        <div className="modal__actions">
          <button type="button" onClick={props.onClose}>
            {result ? t('modal.close') : t('modal.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !column}>
            {t(props.selectedRows === 1 ? 'grid.set.applyOne' : 'grid.set.apply', { n: props.selectedRows })}
          </button>
        </div>
      </form>
    </Modal>
  );
}

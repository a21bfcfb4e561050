import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { GridColumn } from '../../../shared/domain';
import { t } from '../i18n';

/**
 * The in-cell editor by field type: a select with the valid values for enums, a checkbox for
 * booleans, a text or number input otherwise. Enter commits, Escape cancels (the grid handles both).
 */
export function CellEditor(props: {
  column: GridColumn;
  initial: string;
  /** Enter starts with the old value selected; typing starts with the typed character. */
  selectAll: boolean;
  booleanValue: boolean;
  onCommit: (value: string | boolean) => void;
  onCancel: () => void;
}) {
  const { column } = props;
  const [draft, setDraft] = useState(props.initial);
  const [checked, setChecked] = useState(props.booleanValue);
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Enter') {
      e.preventDefault();
      props.onCommit(column.type === 'boolean' ? checked : draft);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
    } else if (e.key === ' ' && column.type === 'boolean') {
      e.preventDefault();
      setChecked((c) => !c);
    }
  };
  const label = t('grid.editing', { column: column.label });
  if (column.type === 'boolean') {
    return (
      <label className="cell-editor cell-editor--check">
        <input
          type="checkbox"
          autoFocus
          aria-label={label}
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
          onKeyDown={onKeyDown}
        />
      </label>
    );
  }
  if (column.type === 'enum' && column.values) {
    return (
      <select
        className="cell-editor"
        autoFocus
        aria-label={label}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
      >
        {column.values.includes(draft) ? null : <option value={draft}>{draft}</option>}
        {column.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  }
  const numeric = column.type === 'integer' || column.type === 'float';
  return (
    <input
      className="cell-editor"
      autoFocus
      aria-label={label}
      // Text, not type=number: a decimal comma and an empty cell must reach the coercion rules.
      inputMode={numeric ? 'decimal' : 'text'}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (props.selectAll) e.target.select();
      }}
    />
  );
}

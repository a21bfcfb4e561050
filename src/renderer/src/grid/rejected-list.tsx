import type { EditOutcome } from '../../../shared/domain';
import { t } from '../i18n';

/** How a record is named in messages: its row number (when known) and its name or code. */
export interface RowLabel {
  text: string;
}

const MAX_GROUPS = 30;
const MAX_ROWS_PER_GROUP = 8;

/**
 * The values a bulk edit refused, with the reason. The same reason for many records (a field set on
 * a selection) is said once, followed by the records it applies to.
 */
export function RejectedList(props: {
  outcome: EditOutcome;
  summary: string;
  rowLabel: (recordId: number) => RowLabel | undefined;
}) {
  const groups = new Map<string, number[]>();
  for (const r of props.outcome.rejected)
    groups.set(r.message, [...(groups.get(r.message) ?? []), r.recordId]);
  const shown = [...groups.entries()].slice(0, MAX_GROUPS);
  const name = (id: number) => props.rowLabel(id)?.text ?? t('grid.record', { id });
  return (
    <div className="tool-rejected" role="alert">
      <p className="tool-rejected__summary">{props.summary}</p>
      <ul>
        {shown.map(([message, ids]) =>
          ids.length === 1 ? (
            <li key={message}>
              <strong>{name(ids[0] as number)}</strong>: {message}
            </li>
          ) : (
            <li key={message}>
              {message}
              <span className="tool-rejected__rows">
                {t('grid.rejectedRows', {
                  rows: ids.slice(0, MAX_ROWS_PER_GROUP).map(name).join('; '),
                })}
                {ids.length > MAX_ROWS_PER_GROUP
                  ? ` ${t('grid.rejectedMore', { n: ids.length - MAX_ROWS_PER_GROUP })}`
                  : ''}
              </span>
            </li>
          ),
        )}
      </ul>
      {groups.size > shown.length ? (
        <p className="muted">{t('grid.rejectedMore', { n: groups.size - shown.length })}</p>
      ) : null}
    </div>
  );
}

/**
 * Issues of a run: a plain table (the first issues while a run goes on) and the report's paged list
 * with filters by severity and rule. A row's button opens the row editor under it: the row's cells
 * with the bad ones highlighted and editable in place.
 */
import { Fragment, useEffect, useRef, useState } from 'react';
import type { ValidationIssue } from '../../../../shared/validation';
import { api } from '../../api/client';
import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { editKey, editCell, useWizard } from './wizard-store';

export const PAGE = 50;

export type Severity = 'error' | 'warning' | 'info';

export interface IssueFilter {
  severity: Severity | null;
  rule: string | null;
  column: string | null;
}

function SeverityBadge(props: { severity: Severity }) {
  return (
    <span className={`badge iw-sev iw-sev--${props.severity}`}>
      {t(`import.severity.${props.severity}` as MessageKey)}
    </span>
  );
}

function ValueCell(props: { value: string | null }) {
  if (props.value === null) return <span className="muted">—</span>;
  if (props.value === '') return <span className="field-value--empty">{t('import.value.empty')}</span>;
  return <span className="mono iw-value">{props.value}</span>;
}

/** A simple list (the first issues while the run goes on). */
export function IssueTable(props: { issues: ValidationIssue[]; label: string }) {
  return (
    <table className="table iw-issues" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">{t('import.issue.severity')}</th>
          <th scope="col">{t('import.issue.row')}</th>
          <th scope="col">{t('import.issue.column')}</th>
          <th scope="col">{t('import.issue.value')}</th>
          <th scope="col">{t('import.issue.message')}</th>
        </tr>
      </thead>
      <tbody>
        {props.issues.map((issue, i) => (
          <tr key={i}>
            <td>
              <SeverityBadge severity={issue.severity} />
            </td>
            <td>{issue.row ?? t('import.issue.file')}</td>
            <td className="mono">{issue.column ?? '—'}</td>
            <td>
              <ValueCell value={issue.value} />
            </td>
            <td>{issue.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The report's paged issue list; `filter` comes from the severity buttons and the rule list. */
export function IssueBrowser(props: { runId: number; filter: IssueFilter; total: number }) {
  const { runId, filter } = props;
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<{ index: number; row: number; column: string | null } | null>(null);
  const [reload, setReload] = useState(0);
  const [result, setResult] = useState<{
    key: string;
    page?: { issues: ValidationIssue[]; total: number };
    error?: string;
  } | null>(null);
  const w = useWizard();
  // The parent keys this list by run and filter, so a new filter starts at the first page.
  const { severity, rule, column } = filter;
  const key = `${offset}|${reload}`;

  useEffect(() => {
    let live = true;
    api
      .invoke('validation:getIssues', {
        runId,
        offset,
        limit: PAGE,
        ...(severity ? { severity } : {}),
        ...(rule ? { rule } : {}),
        ...(rule && column !== null ? { column } : {}),
      })
      .then(
        (p) => live && setResult({ key, page: p }),
        (err: unknown) => live && setResult({ key, error: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [runId, offset, severity, rule, column, key]);

  const error = result?.key === key ? (result.error ?? null) : null;
  // While the next page loads the last one stays, so paging does not flash.
  const page = result?.page ?? null;

  if (error)
    return (
      <div className="error-box" role="alert">
        <strong>{t('import.issues.loadFailed')}</strong>
        <p>{error}</p>
        <button type="button" onClick={() => setReload((n) => n + 1)}>
          {t('common.retry')}
        </button>
      </div>
    );
  if (!page)
    return (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('common.loading')}
      </div>
    );
  if (page.total === 0)
    return (
      <p className="iw-none">{props.total === 0 ? t('import.issues.none') : t('import.issues.noneHere')}</p>
    );

  const last = Math.min(offset + PAGE, page.total);
  return (
    <>
      <table className="table iw-issues" aria-label={t('import.issues.label')}>
        <thead>
          <tr>
            <th scope="col">{t('import.issue.severity')}</th>
            <th scope="col">{t('import.issue.row')}</th>
            <th scope="col">{t('import.issue.column')}</th>
            <th scope="col">{t('import.issue.value')}</th>
            <th scope="col">{t('import.issue.message')}</th>
          </tr>
        </thead>
        <tbody>
          {page.issues.map((issue, i) => {
            const expanded = open?.index === i;
            return (
              <Fragment key={`${offset}-${i}`}>
                <tr className={expanded ? 'iw-issue iw-issue--open' : 'iw-issue'}>
                  <td>
                    <SeverityBadge severity={issue.severity} />
                  </td>
                  <td>
                    {issue.row === null ? (
                      <span className="muted">{t('import.issue.file')}</span>
                    ) : (
                      <button
                        type="button"
                        className="iw-row-button"
                        aria-expanded={expanded}
                        aria-label={t('import.issue.openRow', {
                          row: issue.row,
                          column: issue.column ?? '',
                        })}
                        onClick={() =>
                          setOpen(
                            expanded ? null : { index: i, row: issue.row as number, column: issue.column },
                          )
                        }
                      >
                        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>{' '}
                        {t('import.issue.rowN', { row: issue.row })}
                      </button>
                    )}
                  </td>
                  <td className="mono">{issue.column ?? '—'}</td>
                  <td>
                    <ValueCell value={issue.value} />
                    {issue.row !== null &&
                    issue.column !== null &&
                    w.edits[editKey(issue.row, issue.column)] ? (
                      <div className="iw-edited">
                        <span aria-hidden="true">✎ </span>
                        {t('import.issue.edited', {
                          value: w.edits[editKey(issue.row, issue.column)]?.value || t('import.value.empty'),
                        })}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {issue.message}
                    {issue.fix ? (
                      <div className="muted iw-fix">{t('import.issue.fix', { fix: issue.fix })}</div>
                    ) : null}
                  </td>
                </tr>
                {expanded && open ? (
                  <tr className="iw-issue__detail">
                    <td colSpan={5}>
                      <RowEditor
                        runId={runId}
                        row={open.row}
                        focusColumn={open.column}
                        issues={page.issues.filter((x) => x.row === open.row)}
                        onClose={() => setOpen(null)}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <div className="iw-pager">
        <span className="muted">
          {t('import.issues.range', { from: offset + 1, to: last, total: page.total })}
        </span>
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => {
            setOpen(null);
            setOffset(Math.max(0, offset - PAGE));
          }}
        >
          {t('import.pager.previous')}
        </button>
        <button
          type="button"
          disabled={last >= page.total}
          onClick={() => {
            setOpen(null);
            setOffset(offset + PAGE);
          }}
        >
          {t('import.pager.next')}
        </button>
      </div>
    </>
  );
}

/**
 * One data row of the file: every cell as an input, the cells with issues highlighted with their
 * messages. Edits are kept in the wizard (the bar below the report sends them). Enter keeps the edit
 * and closes the row; Escape takes back the cell's edit, or closes the row when there is none.
 */
function RowEditor(props: {
  runId: number;
  row: number;
  focusColumn: string | null;
  issues: ValidationIssue[];
  onClose: () => void;
}) {
  const { runId, row, focusColumn, onClose } = props;
  const w = useWizard();
  const [data, setData] = useState<{ headers: string[]; cells: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let live = true;
    api.invoke('validation:getRows', { runId, rows: [row] }).then(
      (r) => {
        if (!live) return;
        const found = r.rows.find((x) => x.row === row);
        if (!found) setError(t('import.row.notFound', { row }));
        else setData({ headers: r.headers, cells: found.cells });
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [runId, row]);

  useEffect(() => {
    if (!data || !box.current) return;
    const target =
      box.current.querySelector<HTMLInputElement>('input[data-focus="true"]') ??
      box.current.querySelector<HTMLInputElement>('input');
    target?.focus();
    target?.select();
  }, [data]);

  const close = () => {
    onClose();
    opener.current?.focus();
  };

  const messages = new Map<string, string[]>();
  for (const i of props.issues)
    if (i.column) messages.set(i.column, [...(messages.get(i.column) ?? []), i.message]);

  return (
    <div className="iw-row" ref={box} role="group" aria-label={t('import.row.label', { row })}>
      <div className="iw-row__head">
        <strong>{t('import.row.title', { row })}</strong>
        <span className="muted">{t('import.row.help')}</span>
        <button type="button" onClick={close}>
          {t('import.row.close')}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : !data ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('common.loading')}
        </div>
      ) : (
        <div className="iw-row__cells">
          {data.headers.map((header, i) => {
            const original = data.cells[i] ?? '';
            const edit = w.edits[editKey(row, header)];
            const problems = messages.get(header);
            const bad = problems !== undefined || header === focusColumn;
            const id = `iw-cell-${runId}-${row}-${i}`;
            return (
              <div
                key={`${i}-${header}`}
                className={['iw-cell', bad ? 'iw-cell--bad' : '', edit ? 'iw-cell--edited' : ''].join(' ')}
              >
                <label htmlFor={id} className="iw-cell__label mono">
                  {header || t('import.row.unnamed', { n: i + 1 })}
                </label>
                <input
                  id={id}
                  className="mono"
                  value={edit ? edit.value : original}
                  data-focus={header === focusColumn ? 'true' : undefined}
                  aria-invalid={bad && !edit ? true : undefined}
                  aria-describedby={problems ? `${id}-msg` : undefined}
                  onChange={(e) => editCell(row, header, e.target.value, original)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      close();
                    } else if (e.key === 'Escape') {
                      e.preventDefault();
                      e.stopPropagation();
                      if (edit) editCell(row, header, original, original);
                      else close();
                    }
                  }}
                />
                {problems ? (
                  <span id={`${id}-msg`} className="iw-cell__msg">
                    {problems.join(' ')}
                  </span>
                ) : edit ? (
                  <span className="iw-cell__was muted">
                    {t('import.row.was', { value: original || '∅' })}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

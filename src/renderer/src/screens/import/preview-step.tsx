/**
 * Step 4, the dry run: what the file would change in the target's mirror (validation:diff). Counts,
 * a tab per status with the rows (field changes old → new, or why a row is left out), and the
 * records of the mirror the file does not mention. Nothing is written until "Apply".
 */
import { useEffect, useRef, useState } from 'react';
import type { DiffStatus, DryRunDiff } from '../../../../shared/validation';
import { api } from '../../api/client';
import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { FieldValue } from '../field-value';
import { tn } from './plural';
import { useTarget } from './use-target';
import { goTo, setOutcome, useWizard } from './wizard-store';

type Tab = Exclude<DiffStatus, 'unchanged'> | 'missing';
const TABS: Tab[] = ['modified', 'new', 'invalid', 'duplicate', 'missing'];
const PAGE = 50;

export function PreviewStep() {
  const w = useWizard();
  const target = useTarget();
  const run = w.run;
  const connectionId = target.connection?.id;
  const [tab, setTab] = useState<Tab>('modified');
  const [offset, setOffset] = useState(0);
  const [diff, setDiff] = useState<DryRunDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [create, setCreate] = useState(true);
  const [applying, setApplying] = useState(false);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const picked = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    if (!run || !connectionId) return;
    let live = true;
    api
      .invoke('validation:diff', {
        runId: run.runId,
        connectionId,
        ...(tab === 'missing' ? { limit: 1 } : { status: tab, offset, limit: PAGE }),
      })
      .then(
        (d) => {
          if (!live) return;
          setDiff(d);
          // Open on the first tab that has rows.
          if (!picked.current) {
            picked.current = true;
            const first = TABS.find((x) => countOf(d, x) > 0);
            if (first && first !== tab) setTab(first);
          }
        },
        (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
      );
    return () => {
      live = false;
    };
  }, [run, connectionId, tab, offset, reload]);

  if (!run) return null;
  if (!connectionId) return <p className="iw-hint iw-hint--warn">{t('import.nav.noConnection')}</p>;

  const apply = () => {
    setApplying(true);
    setError(null);
    api
      .invoke('validation:apply', { runId: run.runId, connectionId, create })
      .then(setOutcome, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setApplying(false));
  };

  const counts = diff?.counts;
  const toApply = counts ? counts.modified + (create ? counts.new : 0) : 0;
  const select = (next: Tab) => {
    setError(null);
    setTab(next);
    setOffset(0);
    picked.current = true;
  };

  return (
    <section className="iw-preview" aria-labelledby="iw-preview-title">
      <h2 id="iw-preview-title" ref={heading} tabIndex={-1}>
        {t('import.preview.title', { name: target.connection?.name ?? '' })}
      </h2>
      <p className="muted">{t('import.preview.body')}</p>
      {error ? (
        <div className="error-box" role="alert">
          <strong>{t('import.preview.failed')}</strong>
          <p>{error}</p>
          <button
            type="button"
            onClick={() => {
              setError(null);
              setReload((n) => n + 1);
            }}
          >
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      {!diff || !counts ? (
        error ? null : (
          <div className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t('import.preview.loading')}
          </div>
        )
      ) : (
        <>
          <ul className="iw-diffcounts plain" aria-label={t('import.preview.counts')}>
            <DiffCount
              n={counts.modified}
              label={t('import.diff.modified')}
              tone="modified"
              sub={tn('import.diff.fields', counts.fields)}
            />
            <DiffCount n={counts.new} label={t('import.diff.new')} tone="new" />
            <DiffCount n={counts.unchanged} label={t('import.diff.unchanged')} tone="unchanged" />
            <DiffCount n={counts.invalid} label={t('import.diff.invalid')} tone="invalid" />
            <DiffCount n={counts.duplicate} label={t('import.diff.duplicate')} tone="duplicate" />
            <DiffCount n={counts.missing} label={t('import.diff.missing')} tone="missing" />
          </ul>
          <div
            className="iw-tabs"
            role="tablist"
            aria-label={t('import.preview.tabs')}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              e.preventDefault();
              const i = TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : -1);
              const next = TABS[(i + TABS.length) % TABS.length] as Tab;
              select(next);
              tabRefs.current[next]?.focus();
            }}
          >
            {TABS.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                id={`iw-tab-${x}`}
                ref={(el) => {
                  tabRefs.current[x] = el;
                }}
                aria-selected={tab === x}
                aria-controls="iw-tabpanel"
                tabIndex={tab === x ? 0 : -1}
                className="iw-tab"
                onClick={() => select(x)}
              >
                {t(`import.tab.${x}` as MessageKey)}{' '}
                <span className="iw-tab__n">{countOf(diff, x).toLocaleString('en')}</span>
              </button>
            ))}
          </div>
          <div id="iw-tabpanel" role="tabpanel" aria-labelledby={`iw-tab-${tab}`} className="iw-tabpanel">
            {tab === 'missing' ? (
              <MissingList diff={diff} />
            ) : diff.rows.length === 0 ? (
              <p className="iw-none">{t(`import.tab.empty.${tab}` as MessageKey)}</p>
            ) : (
              <DiffRows diff={diff} tab={tab} />
            )}
            {tab !== 'missing' && diff.total > PAGE ? (
              <div className="iw-pager">
                <span className="muted">
                  {t('import.issues.range', {
                    from: offset + 1,
                    to: Math.min(offset + PAGE, diff.total),
                    total: diff.total,
                  })}
                </span>
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  {t('import.pager.previous')}
                </button>
                <button
                  type="button"
                  disabled={offset + PAGE >= diff.total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  {t('import.pager.next')}
                </button>
              </div>
            ) : null}
            {diff.truncated ? <p className="muted">{t('import.preview.truncated')}</p> : null}
          </div>

          <div className="iw-apply">
            {counts.new > 0 ? (
              <label className="iw-check">
                <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} />
                {tn('import.apply.create', counts.new)}
              </label>
            ) : null}
            <p className="muted">
              {counts.invalid + counts.duplicate > 0
                ? tn('import.apply.leftOut', counts.invalid + counts.duplicate)
                : t('import.apply.nothingLeftOut')}{' '}
              {t('import.apply.undo')}
            </p>
          </div>
        </>
      )}
      <div className="iw-actions iw-actions--footer">
        <button type="button" onClick={() => goTo('check')}>
          {t('import.nav.backToReport')}
        </button>
        <span className="iw-actions__spacer" />
        <button
          type="button"
          className="primary"
          disabled={!diff || toApply === 0 || applying}
          onClick={apply}
        >
          {applying
            ? t('import.apply.working')
            : toApply === 0 && diff
              ? t('import.apply.nothing')
              : tn('import.apply.button', toApply)}
        </button>
      </div>
    </section>
  );
}

function countOf(diff: DryRunDiff, tab: Tab): number {
  return diff.counts[tab];
}

function DiffCount(props: { n: number; label: string; tone: string; sub?: string }) {
  return (
    <li className={`iw-diffcount iw-diffcount--${props.tone}${props.n === 0 ? ' iw-diffcount--zero' : ''}`}>
      <span className="iw-diffcount__n">{props.n.toLocaleString('en')}</span>
      <span className="iw-diffcount__label">{props.label}</span>
      {props.sub ? <span className="iw-diffcount__sub muted">{props.sub}</span> : null}
    </li>
  );
}

function DiffRows(props: { diff: DryRunDiff; tab: Tab }) {
  const { diff, tab } = props;
  const problems = tab === 'invalid' || tab === 'duplicate';
  return (
    <table className="table iw-diff" aria-label={t(`import.tab.${tab}` as MessageKey)}>
      <thead>
        <tr>
          <th scope="col">{t('import.issue.row')}</th>
          <th scope="col">{diff.keyColumn}</th>
          <th scope="col">{problems ? t('import.diff.why') : t('import.diff.changes')}</th>
        </tr>
      </thead>
      <tbody>
        {diff.rows.map((r) => (
          <tr key={r.row}>
            <td>{r.row}</td>
            <td className="mono">
              {r.key || <span className="field-value--empty">{t('import.value.empty')}</span>}
            </td>
            <td>
              {problems ? (
                r.problems.length > 0 ? (
                  <ul className="plain iw-problems">
                    {r.problems.map((p, i) => (
                      <li key={i}>{p}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('import.diff.duplicateOf', { key: r.key })}</span>
                )
              ) : (
                <table className="iw-changes">
                  <tbody>
                    {r.changes
                      .filter((c) => tab !== 'new' || c.path !== diff.keyColumn)
                      .map((c) => (
                        <tr key={c.path}>
                          <th scope="row" className="mono">
                            {c.path}
                          </th>
                          {tab === 'new' ? null : (
                            <>
                              <td className="diff__base">
                                <FieldValue value={c.old} />
                              </td>
                              <td className="diff__arrow" aria-label={t('changes.diff.arrow')}>
                                →
                              </td>
                            </>
                          )}
                          <td className="diff__local">
                            <FieldValue value={c.new} />
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MissingList(props: { diff: DryRunDiff }) {
  const { diff } = props;
  if (diff.counts.missing === 0) return <p className="iw-none">{t('import.tab.empty.missing')}</p>;
  return (
    <>
      <p className="muted">{tn('import.missing.body', diff.counts.missing)}</p>
      <ul className="iw-missing plain">
        {diff.missing.map((m) => (
          <li key={m.recordId} className="mono">
            {m.key}
          </li>
        ))}
      </ul>
      {diff.counts.missing > diff.missing.length ? (
        <p className="muted">{t('import.missing.more', { n: diff.counts.missing - diff.missing.length })}</p>
      ) : null}
    </>
  );
}

/**
 * Step 3, the report of a finished run: what was read and how, the counts by severity (each a
 * filter), the issues grouped by rule (report.summary, also filters), the paged issue list with the
 * row editor, the column mapping, the ZIP's figures, downloads, the cells edited so far with "Fix
 * and validate again", and the way on.
 */
import { useEffect, useRef, useState } from 'react';
import type { RunState } from '../../../../shared/validation';
import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { DownloadBar } from './downloads';
import { kindLabel } from './files-step';
import { IssueBrowser } from './issue-list';
import type { IssueFilter, Severity } from './issue-list';
import { MappingPanel } from './mapping';
import { tn } from './plural';
import { useTarget } from './use-target';
import { discardEdits, fixAndRevalidate, goTo, setSafeFixes, useWizard } from './wizard-store';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function Report(props: { run: RunState; onNavigate: (area: 'changes' | 'activity') => void }) {
  const { run } = props;
  const report = run.report;
  const w = useWizard();
  const target = useTarget();
  const [filter, setFilter] = useState<IssueFilter>({ severity: null, rule: null, column: null });
  const heading = useRef<HTMLHeadingElement>(null);

  // A new run is a new Report (keyed by run id): its heading takes the focus.
  useEffect(() => heading.current?.focus(), []);

  if (!report) return null;
  const counts = report.counts;
  const total = counts.error + counts.warning + counts.info;
  const edits = Object.keys(w.edits).length;
  const clean = counts.error === 0;

  return (
    <div className="iw-report">
      <section className="iw-summary" aria-labelledby="iw-summary-title">
        <div className="iw-summary__main">
          <h2 id="iw-summary-title" ref={heading} tabIndex={-1}>
            {clean
              ? counts.warning > 0
                ? tn('import.report.titleWarnings', counts.warning)
                : t('import.report.titleClean')
              : tn('import.report.titleErrors', counts.error)}
          </h2>
          <p className="iw-summary__file">
            <strong>{report.file}</strong>
            {report.images ? <> + {report.images}</> : null}
            {' · '}
            {tn('import.report.rows', report.rows)}
            {' · '}
            {t('import.report.format', { format: report.source.format.toUpperCase() })}
            {report.source.encoding ? ` · ${report.source.encoding}` : ''}
          </p>
          {run.previousRunId !== null ? (
            <p className="iw-summary__again" role="status">
              {w.lastFix
                ? t('import.report.againAfter', {
                    cells: tn('import.report.cells', w.lastFix.cells),
                    before: tn('import.report.errors', w.lastFix.errorsBefore),
                    after: counts.error,
                  })
                : t('import.report.again')}
            </p>
          ) : null}
          <dl className="iw-facts">
            <dt>{t('import.report.template')}</dt>
            <dd>
              {report.template.name}{' '}
              <span className="muted">
                (
                {run.previousRunId !== null && report.template.chosen === 'given'
                  ? t('import.report.chosen.again')
                  : t(`import.report.chosen.${report.template.chosen}` as MessageKey)}
                )
              </span>
              {report.template.reason && report.template.reason !== report.template.chosen ? (
                <div className="muted iw-facts__reason">{report.template.reason}</div>
              ) : null}
            </dd>
            <dt>{t('import.report.target')}</dt>
            <dd>
              {target.connection ? (
                <>
                  {target.connection.name}{' '}
                  <span className="muted">({kindLabel(target.connection.kind)})</span>
                  {w.data ? (
                    <button type="button" className="iw-link" onClick={() => goTo('files')}>
                      {t('import.report.changeTarget')}
                    </button>
                  ) : null}
                  {target.auto ? (
                    <div className="muted iw-facts__reason">
                      {t('import.report.targetAuto', { template: report.template.name })}
                    </div>
                  ) : null}
                </>
              ) : (
                <>
                  <span className="iw-warn-text">{t('import.report.noTarget')}</span>
                  {w.data ? (
                    <button type="button" className="iw-link" onClick={() => goTo('files')}>
                      {t('import.report.changeTarget')}
                    </button>
                  ) : null}
                </>
              )}
            </dd>
            {report.zip ? (
              <>
                <dt>{t('import.report.images')}</dt>
                <dd>
                  {t('import.report.zip', {
                    files: report.zip.files,
                    referenced: report.zip.referenced,
                    unreferenced: report.zip.unreferenced,
                    missing: report.zip.missing,
                  })}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <div className="iw-counts" role="group" aria-label={t('import.report.showSeverity')}>
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={`iw-count iw-count--${s}`}
              aria-pressed={filter.severity === s}
              onClick={() =>
                setFilter({ severity: filter.severity === s ? null : s, rule: null, column: null })
              }
            >
              <span className="iw-count__n">{counts[s].toLocaleString('en')}</span>
              <span className="iw-count__label">{t(`import.count.label.${s}` as MessageKey)}</span>
            </button>
          ))}
        </div>
      </section>

      {report.truncated ? (
        <p className="iw-hint iw-hint--warn">{t('import.report.truncated', { n: report.issueCap })}</p>
      ) : null}

      {total > 0 ? (
        <div className="iw-issues-layout">
          <nav className="iw-rules" aria-label={t('import.rules.label')}>
            <h3 className="iw-subtitle">{t('import.rules.title')}</h3>
            <ul className="plain">
              <li>
                <button
                  type="button"
                  className="iw-rule"
                  aria-pressed={filter.rule === null && filter.severity === null}
                  onClick={() => setFilter({ severity: null, rule: null, column: null })}
                >
                  <span className="iw-rule__name">{t('import.rules.all')}</span>
                  <span className="iw-rule__count">{total.toLocaleString('en')}</span>
                </button>
              </li>
              {report.summary.map((s) => {
                const active = filter.rule === s.rule && filter.column === s.column;
                return (
                  <li key={`${s.rule}|${s.column ?? ''}|${s.severity}`}>
                    <button
                      type="button"
                      className={`iw-rule iw-rule--${s.severity}`}
                      aria-pressed={active}
                      onClick={() =>
                        setFilter(
                          active
                            ? { severity: null, rule: null, column: null }
                            : { severity: s.severity, rule: s.rule, column: s.column },
                        )
                      }
                    >
                      <span className={`iw-dot iw-dot--${s.severity}`} aria-hidden="true" />
                      <span className="iw-rule__name">
                        {ruleLabel(s.rule)}
                        {s.column ? <span className="mono iw-rule__column"> {s.column}</span> : null}
                      </span>
                      <span className="iw-rule__count">{s.count.toLocaleString('en')}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          <section className="iw-issue-list" aria-label={t('import.issues.label')}>
            <IssueBrowser
              key={`${run.runId}|${filter.severity}|${filter.rule}|${filter.column}`}
              runId={run.runId}
              filter={filter}
              total={total}
            />
          </section>
        </div>
      ) : (
        <p className="iw-none iw-none--ok">{t('import.issues.none')}</p>
      )}

      <MappingPanel key={run.runId} run={run} />
      <DownloadBar run={run} />

      {edits > 0 ? (
        <div className="iw-editbar" role="region" aria-label={t('import.edits.label')}>
          <span>
            <strong>{tn('import.edits.count', edits)}</strong>
          </span>
          <label className="iw-check">
            <input type="checkbox" checked={w.safeFixes} onChange={(e) => setSafeFixes(e.target.checked)} />
            {t('import.edits.safeFixes')}
          </label>
          <span className="iw-actions__spacer" />
          <button type="button" onClick={discardEdits}>
            {t('import.edits.discard')}
          </button>
          <button type="button" className="primary" onClick={() => void fixAndRevalidate()}>
            {t('import.edits.fix')}
          </button>
        </div>
      ) : null}

      <Onward run={run} />
    </div>
  );
}

function Onward(props: { run: RunState }) {
  const w = useWizard();
  const target = useTarget();
  const errors = props.run.counts.error;
  return (
    <div className="iw-actions iw-actions--footer">
      {w.data ? (
        <button type="button" onClick={() => goTo('files')}>
          {t('import.nav.backToFiles')}
        </button>
      ) : null}
      <span className="iw-actions__spacer" />
      {target.mode === 'apply' ? (
        <>
          {errors > 0 ? (
            <span className="muted iw-actions__note">{t('import.nav.errorsSkipped')}</span>
          ) : null}
          <button type="button" className="primary" onClick={() => goTo('preview')}>
            {t('import.nav.preview')}
          </button>
        </>
      ) : target.mode === 'upload' && target.connection ? (
        <>
          {errors > 0 ? (
            <span className="iw-warn-text iw-actions__note">{tn('import.nav.errorsUpload', errors)}</span>
          ) : null}
          <button type="button" className="primary" onClick={() => goTo('finish')}>
            {t('import.nav.upload', { name: target.connection.name })}
          </button>
        </>
      ) : target.mode === 'none' ? (
        <span className="iw-warn-text iw-actions__note">
          {target.connection
            ? t('import.nav.notAppliable', {
                template: props.run.report?.template.name ?? '',
                name: target.connection.name,
              })
            : t('import.nav.noConnection')}
        </span>
      ) : null}
    </div>
  );
}

/** Rule ids read as words ("type.float" → "Not a number"); unknown ones as they are. */
export function ruleLabel(rule: string): string {
  const key = `import.rule.${rule}`;
  return key in RULE_KEYS ? t(key as MessageKey) : rule;
}
const RULE_KEYS: Record<string, true> = Object.fromEntries(
  [
    'required',
    'type.float',
    'type.integer',
    'type.boolean',
    'type.code',
    'type.currency',
    'type.gtin',
    'type.url',
    'type.date',
    'unique',
    'range',
    'enum',
    'pattern',
    'length',
    'header.missing',
    'header.unknown',
    'header.rename',
    'header.mapped',
    'header.duplicate',
    'text.spaces',
    'text.smart-quotes',
    'excel.decimal-comma',
    'image.missing',
    'image.unreferenced',
    'image.case',
    'gtin.check-digit',
    'file.encoding',
  ].map((r) => [`import.rule.${r}`, true]),
);

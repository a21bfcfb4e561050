/**
 * The column mapping of a run (report.mapping): which template column each of the file's headers
 * was read as and how it was matched, the near spellings only suggested, the template's columns the
 * file lacks. A select per header changes the mapping; "Validate again" starts a run with it (and
 * core remembers it for the connection and these headers).
 */
import { useId, useState } from 'react';
import type { RunState } from '../../../../shared/validation';
import { useQuery } from '../../api/use-query';
import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { tn } from './plural';
import { startValidation } from './wizard-store';

export function MappingPanel(props: { run: RunState }) {
  const report = props.run.report;
  const templates = useQuery('validation:listTemplates', {});
  const [mapping, setMapping] = useState<(string | null)[]>(report?.mapping.mapping ?? []);
  const id = useId();

  if (!report || report.source.headers.length === 0) return null;
  const m = report.mapping;
  const columns = templates.data?.find((x) => x.id === report.template.id)?.columns ?? [];
  const how = new Map(m.matches.map((x) => [x.index, x.how]));
  const suggestions = new Map(m.suggestions.map((s) => [s.index, s.candidates]));
  const changed = mapping.some((v, i) => v !== (m.mapping[i] ?? null));
  const unmatched = report.source.headers.filter((_, i) => (mapping[i] ?? null) === null).length;
  const required = new Set(columns.filter((c) => c.required).map((c) => c.column));
  const missingRequired = m.missing.filter((c) => required.has(c));
  const missingOptional = m.missing.filter((c) => !required.has(c));
  const problems = m.suggestions.length > 0 || missingRequired.length > 0;
  const used = new Set(mapping.filter((v): v is string => v !== null));

  return (
    <details className="iw-mapping" open={problems}>
      <summary>
        <span className="iw-mapping__title">{t('import.mapping.title')}</span>{' '}
        <span className="muted">
          {t('import.mapping.summary', { matched: report.source.headers.length - unmatched, unmatched })}
          {missingRequired.length > 0 ? (
            <>
              {' · '}
              <span className="iw-warn-text">
                {tn('import.mapping.summaryMissing', missingRequired.length)}
              </span>
            </>
          ) : null}
        </span>
      </summary>
      {missingRequired.length > 0 ? (
        <p className="iw-hint iw-hint--warn">
          {t('import.mapping.missing', { columns: missingRequired.join(', ') })}
        </p>
      ) : null}
      <table className="table iw-mapping__table" aria-label={t('import.mapping.title')}>
        <thead>
          <tr>
            <th scope="col">{t('import.mapping.header')}</th>
            <th scope="col">{t('import.mapping.readAs')}</th>
            <th scope="col">{t('import.mapping.how')}</th>
          </tr>
        </thead>
        <tbody>
          {report.source.headers.map((header, i) => {
            const value = mapping[i] ?? null;
            const candidates = suggestions.get(i) ?? [];
            const original = m.mapping[i] ?? null;
            const selectId = `${id}-${i}`;
            return (
              <tr key={`${i}-${header}`} className={value !== original ? 'iw-mapping--changed' : undefined}>
                <td>
                  <label htmlFor={selectId} className="mono">
                    {header || t('import.row.unnamed', { n: i + 1 })}
                  </label>
                </td>
                <td>
                  {columns.length === 0 ? (
                    <span className="mono">{value ?? '—'}</span>
                  ) : (
                    <select
                      id={selectId}
                      value={value ?? ''}
                      onChange={(e) => {
                        const next = [...mapping];
                        next[i] = e.target.value === '' ? null : e.target.value;
                        setMapping(next);
                      }}
                    >
                      <option value="">{t('import.mapping.notRead')}</option>
                      {columns.map((c) => (
                        <option key={c.column} value={c.column}>
                          {c.column}
                          {c.required ? ` ${t('import.mapping.required')}` : ''}
                          {used.has(c.column) && c.column !== value ? ` ${t('import.mapping.taken')}` : ''}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>
                  {value !== original ? (
                    <span className="iw-mapping__how">{t('import.mapping.how.changed')}</span>
                  ) : original !== null ? (
                    <span className="muted">
                      {t(`import.mapping.how.${how.get(i) ?? 'exact'}` as MessageKey)}
                    </span>
                  ) : candidates.length > 0 ? (
                    <span className="iw-mapping__suggest">
                      {t('import.mapping.suggest', { target: candidates[0]?.target ?? '' })}{' '}
                      <button
                        type="button"
                        onClick={() => {
                          const next = [...mapping];
                          next[i] = candidates[0]?.target ?? null;
                          setMapping(next);
                        }}
                        aria-label={t('import.mapping.useOne', {
                          target: candidates[0]?.target ?? '',
                          header,
                        })}
                      >
                        {t('import.mapping.use', { target: candidates[0]?.target ?? '' })}
                      </button>
                    </span>
                  ) : (
                    <span className="muted">{t('import.mapping.how.none')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {missingOptional.length > 0 ? (
        <p className="muted iw-mapping__optional">
          {t('import.mapping.optional', { columns: missingOptional.join(', ') })}
        </p>
      ) : null}
      <div className="iw-actions">
        <span className="iw-actions__spacer" />
        <button type="button" disabled={!changed} onClick={() => setMapping(m.mapping)}>
          {t('import.mapping.reset')}
        </button>
        <button
          type="button"
          className={changed ? 'primary' : undefined}
          disabled={!changed}
          onClick={() => void startValidation(mapping)}
        >
          {t('import.mapping.validate')}
        </button>
      </div>
    </details>
  );
}

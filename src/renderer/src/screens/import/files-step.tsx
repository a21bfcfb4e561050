/**
 * Step 1: the files (a data file and an optional ZIP of images), the target connection and the
 * template. Both default to "match the file": the run detects the template from the headers and the
 * wizard then targets the connection of that system.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { Connection } from '../../../../shared/domain';
import type { TemplateInfo } from '../../../../shared/validation';
import { useQuery } from '../../api/use-query';
import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { FilePicker, formatBytes } from './file-picker';
import {
  removeImages,
  resetWizard,
  setTarget,
  setTemplate,
  startValidation,
  useWizard,
} from './wizard-store';

export const IMPORTER_KINDS: readonly string[] = ['wizart', 'broadleaf'];

export function kindLabel(kind: string): string {
  const key = `connections.kind.${kind}`;
  return key in KIND_KEYS ? t(key as MessageKey) : t('import.system.other');
}
const KIND_KEYS: Record<string, true> = Object.fromEntries(
  ['wexbo', 'etim', 'wizart', 'broadleaf', 'printxpand'].map((k) => [`connections.kind.${k}`, true]),
);

function groupBySystem(list: TemplateInfo[]): [string, TemplateInfo[]][] {
  const groups = new Map<string, TemplateInfo[]>();
  for (const tpl of list) groups.set(tpl.system, [...(groups.get(tpl.system) ?? []), tpl]);
  return [...groups];
}

/** The big "drop or choose" area of an empty wizard. */
export function StartPanel() {
  const runs = useQuery('validation:listRuns', {}, ['validation:finished']);
  const fresh = runs.status === 'ready' && runs.data.length === 0;
  return (
    <section className="iw-start" aria-labelledby="iw-start-title">
      <div className="iw-start__icon" aria-hidden="true">
        ⤓
      </div>
      <h2 id="iw-start-title">{fresh ? t('import.empty.title') : t('import.start.title')}</h2>
      <p className="muted">{t('import.start.body')}</p>
      <div className="iw-start__actions">
        <FilePicker label={t('import.start.pick')} primary />
      </div>
    </section>
  );
}

export function UploadProgress(props: { name: string; percent: number }) {
  return (
    <div className="iw-upload" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{t('import.files.uploading', { name: props.name, percent: props.percent })}</span>
      <progress
        max={100}
        value={props.percent}
        aria-label={t('import.files.uploadingOf', { name: props.name })}
      />
    </div>
  );
}

function FileCard(props: { icon: string; label: string; name: string; size: number; actions: ReactNode }) {
  return (
    <div className="iw-file">
      <span className="iw-file__icon" aria-hidden="true">
        {props.icon}
      </span>
      <div className="iw-file__text">
        <span className="iw-file__label">{props.label}</span>
        <strong className="iw-file__name">{props.name}</strong>
        <span className="muted">{formatBytes(props.size)}</span>
      </div>
      <div className="iw-file__actions">{props.actions}</div>
    </div>
  );
}

export function FilesStep() {
  const w = useWizard();
  const connections = useQuery('connections:list', {}, ['status:changed']);
  const templates = useQuery(
    'validation:listTemplates',
    w.connectionId ? { connectionId: w.connectionId } : {},
  );
  const conn: Connection | undefined = connections.data?.find((c) => c.id === w.connectionId);
  const submit = useRef<HTMLButtonElement>(null);
  const dataToken = w.data?.fileToken;
  // A new file: "Check file" takes the focus, so Enter starts the check.
  useEffect(() => {
    if (dataToken) submit.current?.focus();
  }, [dataToken, w.session]);
  if (!w.data) return <StartPanel />;

  const isZip = /\.zip$/i.test(w.data.name);
  const systemTemplates = (templates.data ?? []).filter((x) => !conn || x.system === conn.kind);
  const otherTemplates = (templates.data ?? []).filter((x) => conn && x.system !== conn.kind);
  const templateKnown = w.template === null || (templates.data ?? []).some((x) => x.id === w.template);

  return (
    <form
      className="iw-files"
      aria-label={t('import.step.files')}
      onSubmit={(e) => {
        e.preventDefault();
        void startValidation();
      }}
    >
      <div className="iw-files__cards">
        <FileCard
          icon="▤"
          label={isZip ? t('import.files.archive') : t('import.files.data')}
          name={w.data.name}
          size={w.data.size}
          actions={
            <FilePicker
              label={t('import.files.replace')}
              ariaLabel={t('import.files.replaceOne', { name: w.data.name })}
            />
          }
        />
        {isZip ? null : w.images ? (
          <FileCard
            icon="▨"
            label={t('import.files.images')}
            name={w.images.name}
            size={w.images.size}
            actions={
              <button
                type="button"
                onClick={removeImages}
                aria-label={t('import.files.removeOne', { name: w.images.name })}
              >
                {t('import.files.remove')}
              </button>
            }
          />
        ) : (
          <div className="iw-file iw-file--empty">
            <span className="iw-file__icon" aria-hidden="true">
              ▨
            </span>
            <div className="iw-file__text">
              <span className="iw-file__label">{t('import.files.images')}</span>
              <span className="muted">{t('import.files.noImages')}</span>
            </div>
            <div className="iw-file__actions">
              <FilePicker label={t('import.files.addImages')} role="images" />
            </div>
          </div>
        )}
      </div>

      <div className="iw-target">
        <label className="field">
          <span>{t('import.target.connection')}</span>
          <select
            value={w.connectionId ?? ''}
            onChange={(e) => setTarget(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">{t('import.target.detect')}</option>
            {(connections.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {t('import.target.option', { name: c.name, kind: kindLabel(c.kind) })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('import.target.template')}</span>
          <select
            value={templateKnown ? (w.template ?? '') : ''}
            onChange={(e) => setTemplate(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">{t('import.target.detectTemplate')}</option>
            {conn ? (
              <>
                <optgroup label={kindLabel(conn.kind)}>
                  {systemTemplates.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </optgroup>
                {otherTemplates.length > 0 ? (
                  <optgroup label={t('import.target.otherSystems')}>
                    {otherTemplates.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </>
            ) : (
              groupBySystem(templates.data ?? []).map(([system, list]) => (
                <optgroup key={system} label={kindLabel(system)}>
                  {list.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </optgroup>
              ))
            )}
          </select>
        </label>
        <TargetHint kind={conn?.kind ?? null} hasImages={w.images !== null} isZip={isZip} />
      </div>
      {connections.status === 'error' || templates.status === 'error' ? (
        <p className="error-text" role="alert">
          {(connections.error ?? templates.error)?.message}
        </p>
      ) : null}

      <div className="iw-actions">
        <button type="button" onClick={resetWizard}>
          {t('import.files.startOver')}
        </button>
        <span className="iw-actions__spacer" />
        <button type="submit" ref={submit} className="primary" disabled={w.starting || w.uploading !== null}>
          {w.starting ? t('import.files.starting') : t('import.files.check')}
        </button>
      </div>
    </form>
  );
}

function TargetHint(props: { kind: string | null; hasImages: boolean; isZip: boolean }) {
  const { kind } = props;
  if (kind === null) return <p className="iw-hint muted">{t('import.target.hint.detect')}</p>;
  if (kind === 'wizart' && !props.hasImages)
    return (
      <p className="iw-hint iw-hint--warn" role="note">
        {t('import.target.hint.wizartImages')}
      </p>
    );
  if (IMPORTER_KINDS.includes(kind))
    return <p className="iw-hint muted">{t('import.target.hint.importer', { kind: kindLabel(kind) })}</p>;
  return <p className="iw-hint muted">{t('import.target.hint.edits')}</p>;
}

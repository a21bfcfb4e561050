import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/domain';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { NotificationToggle } from '../components/toasts';
import { t } from '../i18n';

const STUCK_MIN = 1;
const STUCK_MAX = 24 * 60;

/** The clipboard API, or the old selection copy where a shell refuses it. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error(t('settings.copyFailed'));
  }
}

function CopyButton(props: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        aria-label={props.label}
        onClick={() =>
          copyText(props.text).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {t('settings.copy')}
      </button>
      <span className={state === 'failed' ? 'copy__note error-text' : 'copy__note saved'} role="status">
        {state === 'copied' ? t('settings.copied') : state === 'failed' ? t('settings.copyFailed') : ''}
      </span>
    </span>
  );
}

/** The field indexes behind fast filters (core/catalog/field-index.ts), with a way to drop each. */
function FastFilters() {
  const indexes = useQuery('catalog:fieldIndexes', {});
  const [error, setError] = useState('');
  return (
    <div className="settings__indexes">
      <h3 className="settings__label" id="settings-indexes">
        {t('settings.fieldIndexes')}
      </h3>
      <p className="muted settings__hint">{t('settings.fieldIndexes.hint')}</p>
      <QueryView query={indexes}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('settings.fieldIndexes.none')}</p>
          ) : (
            <ul className="settings__index-list" aria-labelledby="settings-indexes">
              {list.map((ix) => (
                <li key={ix.jsonPath}>
                  <span className="mono">{ix.field}</span>
                  {ix.state === 'building' ? (
                    <span className="muted"> {t('settings.fieldIndexes.building')}</span>
                  ) : ix.state === 'failed' ? (
                    <span className="error-text">
                      {' '}
                      {t('settings.fieldIndexes.failed', { message: ix.message ?? '' })}
                    </span>
                  ) : null}
                  {ix.state !== 'building' ? (
                    <button
                      type="button"
                      aria-label={t('settings.fieldIndexes.removeLabel', { field: ix.field })}
                      onClick={() =>
                        api.invoke('catalog:dropFieldIndex', { jsonPath: ix.jsonPath }).then(
                          () => {
                            setError('');
                            indexes.reload();
                          },
                          (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
                        )
                      }
                    >
                      {t('settings.fieldIndexes.remove')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function StuckMinutes(props: { value: number; onSave: (n: number) => void }) {
  const [text, setText] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  // Follows a change made elsewhere (another window, the CLI): adjusted while rendering, no effect.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(String(props.value));
    setError(null);
  }
  const commit = () => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < STUCK_MIN || n > STUCK_MAX) {
      setError(t('settings.stuckJobMinutes.invalid', { min: STUCK_MIN, max: STUCK_MAX }));
      return;
    }
    setError(null);
    if (n !== props.value) props.onSave(n);
  };
  return (
    <div className="field">
      <label htmlFor="settings-stuck">
        <span>{t('settings.stuckJobMinutes')}</span>
      </label>
      <input
        id="settings-stuck"
        type="number"
        inputMode="numeric"
        min={STUCK_MIN}
        max={STUCK_MAX}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error ? 'settings-stuck-error settings-stuck-hint' : 'settings-stuck-hint'}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error ? (
        <p className="error-text" id="settings-stuck-error">
          {error}
        </p>
      ) : null}
      <p className="muted settings__hint" id="settings-stuck-hint">
        {t('settings.stuckJobMinutes.hint')}
      </p>
    </div>
  );
}

export function SettingsScreen() {
  const settings = useQuery('settings:get', {}, ['settings:changed']);
  const info = useQuery('app:getInfo', {});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Shown at once so a control never snaps back while core stores the change.
  const [pending, setPending] = useState<Partial<Settings>>({});
  // Once core holds a value it is shown from core again, so a change made elsewhere shows too.
  const stored = settings.data;
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    setSeen(stored);
    if (stored) {
      const left = Object.entries(pending).filter(([key, value]) => stored[key as keyof Settings] !== value);
      if (left.length !== Object.keys(pending).length)
        setPending(Object.fromEntries(left) as Partial<Settings>);
    }
  }

  const update = (patch: Partial<Settings>) => {
    setSaved(false);
    setPending((p) => ({ ...p, ...patch }));
    api.invoke('settings:update', patch).then(
      () => {
        setError(null);
        setSaved(true);
        settings.reload();
      },
      (err: unknown) => {
        setPending({});
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <Screen
      title={t('settings.title')}
      subtitle={t('settings.subtitle')}
      actions={
        <span className="saved settings__saved" role="status">
          {saved ? t('settings.saved') : ''}
        </span>
      }
    >
      {error ? (
        <div className="error-box" role="alert">
          {error}
        </div>
      ) : null}
      <div className="settings-layout">
        <QueryView query={settings}>
          {(stored) => {
            const s = { ...stored, ...pending };
            return (
              <form className="form settings" onSubmit={(e) => e.preventDefault()}>
                <h2 className="settings__group">{t('settings.group.appearance')}</h2>
                <fieldset>
                  <legend>{t('settings.theme')}</legend>
                  {(['light', 'dark', 'system'] as const).map((theme) => (
                    <label key={theme} className="radio">
                      <input
                        type="radio"
                        name="theme"
                        value={theme}
                        checked={s.theme === theme}
                        onChange={() => update({ theme })}
                      />
                      {t(`settings.theme.${theme}`)}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor="settings-language">
                    <span>{t('settings.language')}</span>
                  </label>
                  <select
                    id="settings-language"
                    value={s.language}
                    aria-describedby="settings-language-hint"
                    onChange={() => update({ language: 'en' })}
                  >
                    <option value="en">{t('settings.language.en')}</option>
                  </select>
                  <p className="muted settings__hint" id="settings-language-hint">
                    {t('settings.language.hint')}
                  </p>
                </div>

                <h2 className="settings__group">{t('settings.group.updates')}</h2>
                <div className="field">
                  <label htmlFor="settings-channel">
                    <span>{t('settings.updateChannel')}</span>
                  </label>
                  <select
                    id="settings-channel"
                    value={s.updateChannel}
                    aria-describedby="settings-channel-hint"
                    onChange={(e) => update({ updateChannel: e.target.value === 'beta' ? 'beta' : 'latest' })}
                  >
                    <option value="latest">{t('settings.updateChannel.latest')}</option>
                    <option value="beta">{t('settings.updateChannel.beta')}</option>
                  </select>
                  <p className="muted settings__hint" id="settings-channel-hint">
                    {t(
                      s.updateChannel === 'beta'
                        ? 'settings.updateChannel.betaHint'
                        : 'settings.updateChannel.latestHint',
                    )}
                  </p>
                </div>

                <h2 className="settings__group">{t('settings.group.imports')}</h2>
                <StuckMinutes value={s.stuckJobMinutes} onSave={(n) => update({ stuckJobMinutes: n })} />
                <div className="field">
                  <span className="settings__label">{t('settings.notifications')}</span>
                  <div>
                    <NotificationToggle />
                  </div>
                  <p className="muted settings__hint">{t('settings.notifications.hint')}</p>
                </div>
              </form>
            );
          }}
        </QueryView>
        <section className="settings__data" aria-labelledby="settings-data">
          <h2 className="settings__group" id="settings-data">
            {t('settings.group.data')}
          </h2>
          <QueryView query={info}>
            {(i) => (
              <dl className="facts settings__facts">
                <dt>{t('settings.dataFolder')}</dt>
                <dd className="settings__path">
                  <span className="mono">{i.dataDir}</span>
                  <CopyButton text={i.dataDir} label={t('settings.copyDataFolder')} />
                </dd>
                <dt>{t('settings.database')}</dt>
                <dd className="mono">{i.databasePath}</dd>
                <dt>{t('settings.schema')}</dt>
                <dd>
                  {i.schemaVersion} / {i.latestSchemaVersion}
                </dd>
                <dt>{t('settings.version')}</dt>
                <dd>{i.appVersion}</dd>
              </dl>
            )}
          </QueryView>
          <FastFilters />
        </section>
      </div>
    </Screen>
  );
}

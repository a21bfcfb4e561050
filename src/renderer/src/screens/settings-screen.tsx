import { useState } from 'react';
import type { Settings } from '../../../shared/domain';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { t } from '../i18n';

export function SettingsScreen() {
  const settings = useQuery('settings:get', {}, ['settings:changed']);
  const info = useQuery('app:getInfo', {});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Shown at once so a control never snaps back while core stores the change.
  const [pending, setPending] = useState<Partial<Settings>>({});

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
        saved ? (
          <span className="saved" role="status">
            {t('settings.saved')}
          </span>
        ) : null
      }
    >
      {error ? (
        <div className="error-box" role="alert">
          {error}
        </div>
      ) : null}
      <QueryView query={settings}>
        {(stored) => {
          const s = { ...stored, ...pending };
          return (
            <form className="form" onSubmit={(e) => e.preventDefault()}>
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
              <label className="field">
                <span>{t('settings.language')}</span>
                <select value={s.language} onChange={() => update({ language: 'en' })}>
                  <option value="en">{t('settings.language.en')}</option>
                </select>
              </label>
              <label className="field">
                <span>{t('settings.updateChannel')}</span>
                <select
                  value={s.updateChannel}
                  onChange={(e) => update({ updateChannel: e.target.value === 'beta' ? 'beta' : 'latest' })}
                >
                  <option value="latest">{t('settings.updateChannel.latest')}</option>
                  <option value="beta">{t('settings.updateChannel.beta')}</option>
                </select>
              </label>
              <label className="field">
                <span>{t('settings.stuckJobMinutes')}</span>
                <input
                  type="number"
                  min={1}
                  max={1440}
                  defaultValue={s.stuckJobMinutes}
                  onBlur={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 1 && n <= 1440 && n !== s.stuckJobMinutes) {
                      update({ stuckJobMinutes: n });
                    }
                  }}
                />
              </label>
            </form>
          );
        }}
      </QueryView>
      <QueryView query={info}>
        {(i) => (
          <dl className="facts">
            <dt>{t('settings.dataFolder')}</dt>
            <dd className="mono">{i.dataDir}</dd>
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
    </Screen>
  );
}

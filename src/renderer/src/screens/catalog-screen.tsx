import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import type { Area } from '../routes';

export function CatalogScreen(props: { onNavigate: (area: Area) => void }) {
  const summary = useQuery('catalog:getSummary', {}, ['status:changed']);
  return (
    <Screen title={t('catalog.title')} subtitle={t('catalog.subtitle')}>
      <QueryView query={summary}>
        {(data) =>
          data.total === 0 ? (
            <EmptyState
              icon="▦"
              title={t('catalog.empty.title')}
              body={t('catalog.empty.body')}
              action={
                <button type="button" className="primary" onClick={() => props.onNavigate('connections')}>
                  {t('catalog.empty.action')}
                </button>
              }
            />
          ) : (
            <div className="cards">
              {data.connections
                .filter((c) => c.records > 0)
                .map((c) => (
                  <article key={c.connectionId} className="card">
                    <h2>{c.name}</h2>
                    <p className="muted">{t(`connections.kind.${c.kind}` as MessageKey)}</p>
                    <p className="card__figure">{t('catalog.records', { n: c.records })}</p>
                    <ul className="plain">
                      {c.entities.map((e) => (
                        <li key={e.entity}>
                          {e.entity}: {e.records.toLocaleString('en')}
                        </li>
                      ))}
                    </ul>
                  </article>
                ))}
              <article className="card">
                <h2>{t('catalog.title')}</h2>
                <p className="card__figure">{t('catalog.records', { n: data.total })}</p>
                <p>{t('catalog.dirty', { n: data.dirty })}</p>
                <p>{t('catalog.conflicts', { n: data.conflicts })}</p>
              </article>
            </div>
          )
        }
      </QueryView>
    </Screen>
  );
}

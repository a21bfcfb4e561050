import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { CatalogView } from '../grid/catalog-view';
import { t } from '../i18n';
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
            <CatalogView summary={data} />
          )
        }
      </QueryView>
    </Screen>
  );
}

import type { ReactNode } from 'react';
import type { QueryState } from '../api/use-query';
import { t } from '../i18n';

/** Loading, error and ready states of a query, the same way on every screen. */
export function QueryView<T>(props: {
  query: QueryState<T> & { reload: () => void };
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.status === 'loading') {
    return (
      <div className="loading" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> {t('common.loading')}
      </div>
    );
  }
  if (query.status === 'error') {
    return (
      <div className="error-box" role="alert">
        <strong>{t('common.error')}</strong>
        <p>{query.error.message}</p>
        <button type="button" onClick={query.reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <>{props.children(query.data)}</>;
}

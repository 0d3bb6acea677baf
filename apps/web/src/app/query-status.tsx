import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice';

/** What QueryStatus needs of a TanStack query: whether its first load runs, its failure, and a retry. */
export interface QueryState {
  readonly isLoading: boolean;
  readonly error: unknown;
  refetch(): unknown;
}

/**
 * The frame every panel that reads data shows above its content: a loading line while the first answer
 * is awaited, or the failure in words a person can act on with a retry. Nothing once there is data.
 */
export function QueryStatus({ query }: { query: QueryState }) {
  const { t } = useTranslation();
  if (query.isLoading) return <p role="status">{t('app.loading')}</p>;
  if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return null;
}

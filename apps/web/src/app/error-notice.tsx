import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/http';

/** A failed request in words a person can act on, with the service's own reason when it gave one. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  let text: string;
  if (error instanceof NetworkError) text = t('errors.network');
  else if (error instanceof ApiError && error.status === 403) text = t('errors.forbidden');
  else if (error instanceof ApiError && error.status < 500)
    text = error.messageIn(i18n.language) ?? t('errors.server', { status: error.status });
  else if (error instanceof ApiError) text = t('errors.server', { status: error.status });
  else text = t('errors.server', { status: '—' });
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      ) : null}
    </div>
  );
}

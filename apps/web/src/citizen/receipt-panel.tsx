import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { RatingAccepted, visitApi } from './visit-api';

/**
 * The receipt after a rating: the response id at once, then its place and hash in the audit's ledger,
 * which the audit records within seconds (until then the receipt answers 404, so it is asked again).
 */
export function ReceiptPanel({ accepted }: { accepted: RatingAccepted }) {
  const { t } = useTranslation();
  const receipt = useQuery({
    queryKey: ['receipt', accepted.receiptPath],
    queryFn: ({ signal }) => visitApi.receipt(accepted.receiptPath, signal),
    retry: (failures, error) => error instanceof ApiError && error.status === 404 && failures < 30,
    retryDelay: 1000,
    staleTime: Infinity,
  });
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('citizen.receiptTitle')}</h2>
      <p>{t('citizen.receiptIntro')}</p>
      <dl className="visit-facts">
        <dt>{t('citizen.responseId')}</dt>
        <dd>
          <code data-testid="response-id">{accepted.responseId}</code>
        </dd>
        {receipt.data ? (
          <>
            <dt>{t('citizen.receiptLedger')}</dt>
            <dd>
              <code>
                {receipt.data.ledger} #{receipt.data.sequence}
              </code>
            </dd>
            <dt>{t('citizen.receiptHash')}</dt>
            <dd>
              <code>{receipt.data.hash}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <p role="status">
        {receipt.data
          ? t(receipt.data.status === 'covered' ? 'citizen.receiptCovered' : 'citizen.receiptAwaiting')
          : receipt.isError
            ? null
            : t('citizen.receiptWaiting')}
      </p>
      <p>
        <a href={accepted.receiptPath} target="_blank" rel="noreferrer">
          {t('citizen.receiptLink')}
        </a>
      </p>
    </section>
  );
}

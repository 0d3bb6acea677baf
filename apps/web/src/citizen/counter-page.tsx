import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { formatLocalDate } from '../dates';
import { RatingForm } from './rating-form';
import { labelIn, RatingBody } from './rating-form-model';
import { ReceiptPanel } from './receipt-panel';
import { RatingAccepted, tokenFromHash, visitApi } from './visit-api';

/** Why a token cannot be used, in the citizen's words; null when the failure is not about the token. */
export function tokenRefusal(error: unknown): 'invalidToken' | 'expiredToken' | 'usedToken' | 'rateLimited' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 401) return 'invalidToken';
  if (error.status === 410) return 'expiredToken';
  if (error.status === 409) return 'usedToken';
  if (error.status === 429) return 'rateLimited';
  return null;
}

/**
 * The citizen form the QR code on a receipt slip opens (`/counter#t=<token>`): the visit, the questions,
 * the consent notice before optional contact details, and the receipt once sent. No account, no cookie.
 */
export function CounterPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { hash } = useLocation();
  // Read once: the token stays in this page's memory even if the fragment changes.
  const [token] = useState(() => tokenFromHash(hash || globalThis.location?.hash || ''));
  const [accepted, setAccepted] = useState<RatingAccepted | null>(null);
  // A retry after a lost answer must be the very same form (times included): intake then answers with
  // the response it already took, where a different form with a used token is refused.
  const lastSent = useRef<RatingBody | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t('citizen.title'));

  const visit = useQuery({
    queryKey: ['counter-visit', token],
    queryFn: ({ signal }) => visitApi.visit(token as string, signal),
    enabled: token !== null,
    staleTime: Infinity,
  });
  const rate = useMutation({
    mutationFn: (body: Parameters<typeof visitApi.rate>[1]) => visitApi.rate(token as string, body),
    onSuccess: (result) => setAccepted(result),
  });

  // The thanks replaces the form: start reading (and focus) from its heading.
  useEffect(() => {
    if (accepted) heading.current?.focus();
  }, [accepted]);

  const refusal = tokenRefusal(visit.error);
  let body;
  if (token === null) body = <Refusal text={t('citizen.noToken')} />;
  else if (accepted) body = <ReceiptPanel accepted={accepted} />;
  else if (visit.isPending) body = <p role="status">{t('citizen.loadingVisit')}</p>;
  else if (refusal) body = <Refusal text={t(`citizen.${refusal}`)} />;
  else if (visit.isError) body = <ErrorNotice error={visit.error} onRetry={() => void visit.refetch()} />;
  else if (visit.data.used) body = <Refusal text={t('citizen.usedToken')} />;
  else if (!visit.data.form) body = <Refusal text={t('citizen.invalidToken')} />;
  else {
    const v = visit.data;
    const rateRefusal = tokenRefusal(rate.error);
    body = (
      <>
        <p className="lead">{t('citizen.intro')}</p>
        <section aria-labelledby="visit-facts">
          <h2 id="visit-facts">{t('citizen.visit')}</h2>
          <dl className="visit-facts">
            {v.unit ? (
              <>
                <dt>{t('citizen.unit')}</dt>
                <dd>{language === 'en' ? v.unit.nameEn : v.unit.nameVi}</dd>
              </>
            ) : null}
            {v.procedure ? (
              <>
                <dt>{t('citizen.procedure')}</dt>
                <dd>{labelIn(language, v.procedure)}</dd>
              </>
            ) : null}
            <dt>{t('citizen.serviceDate')}</dt>
            <dd>{formatLocalDate(v.serviceDate, language)}</dd>
          </dl>
        </section>
        <RatingForm
          questions={v.form as NonNullable<typeof v.form>}
          submitting={rate.isPending}
          onSubmit={(body) => {
            const previous = lastSent.current;
            const toSend = previous && sameAnswers(previous, body) ? previous : body;
            lastSent.current = toSend;
            rate.mutate(toSend);
          }}
          failure={rate.isError ? rateRefusal ? <Refusal text={t(`citizen.${rateRefusal}`)} /> : <ErrorNotice error={rate.error} /> : null}
        />
      </>
    );
  }

  return (
    <div className="citizen-page">
      <h1 className="page-title" ref={heading} tabIndex={-1}>
        {accepted ? t('citizen.thanks') : t('citizen.title')}
      </h1>
      {body}
    </div>
  );
}

/** The same form but for when it was finished. */
export const sameAnswers = (a: RatingBody, b: RatingBody) =>
  JSON.stringify({ ...a, form: a.form?.startedAt }) === JSON.stringify({ ...b, form: b.form?.startedAt });

function Refusal({ text }: { text: string }) {
  return (
    <div className="notice" role="alert">
      <p>{text}</p>
    </div>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { formatInstant } from '../dates';
import '../dashboard/dashboard.css';
import { EnrolledTablet, intakeApi, Tablet } from './intake-api';
import { fieldErrorsOf } from './rating-keys';
import './staff.css';

/**
 * Admins enrol the working groups' tablets and revoke a lost one. The credential is shown once, right
 * after enrolment, to be typed into the tablet's setup screen; the service keeps only its hash.
 */
export function TabletsPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const language = i18n.language;
  usePageTitle(t('staff.tablets.title'));
  const ids = useId();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState<string | null>(null);
  const [enrolled, setEnrolled] = useState<EnrolledTablet | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const tablets = useQuery({ queryKey: ['intake', 'tablets'], queryFn: ({ signal }) => intakeApi.tablets(accessToken, signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['intake', 'tablets'] });

  const enrol = useMutation({
    mutationFn: (name: string) => intakeApi.enrollTablet(accessToken, name),
    onSuccess: (reply) => {
      setEnrolled(reply);
      setLabel('');
      setMessage(null);
      void refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500)
        setLabelError(fieldErrorsOf(error.body, language, ['label']).fields['label'] ?? null);
    },
  });
  const revoke = useMutation({
    mutationFn: (tablet: Tablet) => intakeApi.revokeTablet(accessToken, tablet.deviceId),
    onSuccess: (tablet) => {
      setMessage(t('staff.tablets.revoked', { label: tablet.label }));
      if (enrolled?.deviceId === tablet.deviceId) setEnrolled(null);
      void refresh();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (!name) {
      setLabelError(t('staff.paper.required'));
      return;
    }
    setLabelError(null);
    enrol.mutate(name);
  };

  return (
    <>
      <h1 className="page-title">{t('staff.tablets.title')}</h1>
      <p className="lead">{t('staff.tablets.intro')}</p>
      <div role="status">{message ? <p className="notice">{message}</p> : null}</div>

      <section className="panel" aria-labelledby={`${ids}-enrol`}>
        <h2 id={`${ids}-enrol`}>{t('staff.tablets.enrol')}</h2>
        <form className="form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-label`}>{t('staff.tablets.label')}</label>
            <p className="field__hint">{t('staff.tablets.labelHint')}</p>
            <input
              id={`${ids}-label`}
              value={label}
              maxLength={200}
              aria-invalid={labelError ? true : undefined}
              aria-describedby={labelError ? `${ids}-label-error` : undefined}
              onChange={(e) => setLabel(e.target.value)}
            />
            {labelError ? (
              <p id={`${ids}-label-error`} className="field__error">
                {labelError}
              </p>
            ) : null}
          </div>
          {enrol.error && !labelError ? <ErrorNotice error={enrol.error} /> : null}
          <div>
            <button type="submit" className="button button--primary" disabled={enrol.isPending}>
              {t('staff.tablets.enrolSubmit')}
            </button>
          </div>
        </form>
        {enrolled ? (
          <div className="notice tablet-credential" role="alert">
            <p>{t('staff.tablets.enrolled', { label: enrolled.label })}</p>
            <dl>
              <dt>{t('staff.tablets.deviceId')}</dt>
              <dd>
                <code data-testid="enrolled-device-id">{enrolled.deviceId}</code>
              </dd>
              <dt>{t('staff.tablets.credential')}</dt>
              <dd>
                <code data-testid="enrolled-credential">{enrolled.credential}</code>
              </dd>
            </dl>
            <p>{t('staff.tablets.shownOnce')}</p>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`}>{t('staff.tablets.list')}</h2>
        <QueryStatus query={tablets} />
        {revoke.error ? <ErrorNotice error={revoke.error} /> : null}
        {tablets.data && tablets.data.tablets.length === 0 ? <p>{t('staff.tablets.empty')}</p> : null}
        {tablets.data && tablets.data.tablets.length > 0 ? (
          <div className="table-scroll">
            <table className="figures-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.tablets.label')}</th>
                  <th scope="col">{t('staff.tablets.deviceId')}</th>
                  <th scope="col">{t('staff.tablets.enrolledAt')}</th>
                  <th scope="col">{t('staff.tablets.state')}</th>
                  <th scope="col">{t('staff.campaigns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {tablets.data.tablets.map((tablet) => (
                  <tr key={tablet.deviceId}>
                    <th scope="row">{tablet.label}</th>
                    <td>
                      <code>{tablet.deviceId}</code>
                    </td>
                    <td>
                      {formatInstant(tablet.enrolledAt, language)} ({tablet.enrolledBy})
                    </td>
                    <td>
                      {tablet.revokedAt ? (
                        <span className="status-badge status-badge--closed">
                          {t('staff.tablets.revokedAt', { at: formatInstant(tablet.revokedAt, language) })}
                        </span>
                      ) : (
                        <span className="status-badge status-badge--open">{t('staff.tablets.active')}</span>
                      )}
                    </td>
                    <td>
                      {tablet.revokedAt ? null : (
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('staff.tablets.revoke', { label: tablet.label })}
                          disabled={revoke.isPending}
                          onClick={() => {
                            if (window.confirm(t('staff.tablets.confirmRevoke', { label: tablet.label }))) revoke.mutate(tablet);
                          }}
                        >
                          {t('staff.tablets.revokeShort')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { directoryApi, HistoryEvent, LinkedUnit, Predecessor, Unit } from '../api/directory';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { isRole } from '../auth/session';
import { formatInstant, formatLocalDate, isLocalDate, todayInVietnam } from '../dates';
import { DateField } from './date-field';
import { summarizeEvent } from './event-summary';
import { UnitLink } from './unit-link';
import { unitName } from './unit-name';

/** One unit: as it was on ?on= (or as last known), where it came from and went, and every change to it. */
export function UnitPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const { unitId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get('on');
  const on = isLocalDate(requested) ? requested : null;
  const lineageOn = on ?? todayInVietnam();

  const latest = useQuery({
    queryKey: ['directory', 'unit', unitId, null],
    queryFn: ({ signal }) => directoryApi.unit(accessToken, unitId, null, signal),
  });
  const asOf = useQuery({
    queryKey: ['directory', 'unit', unitId, on],
    queryFn: ({ signal }) => directoryApi.unit(accessToken, unitId, on, signal),
    enabled: on !== null,
  });
  const history = useQuery({
    queryKey: ['directory', 'history', unitId],
    queryFn: ({ signal }) => directoryApi.history(accessToken, unitId, signal),
  });
  const lineage = useQuery({
    queryKey: ['directory', 'lineage', unitId, lineageOn],
    queryFn: ({ signal }) => directoryApi.lineage(accessToken, unitId, lineageOn, signal),
  });

  // A 404 for the date means the unit did not exist that day: show it as last known, and say so.
  const notValidOn = on !== null && asOf.error instanceof ApiError && asOf.error.status === 404;
  const unit: Unit | undefined = on !== null && !notValidOn ? asOf.data : latest.data;
  usePageTitle(unit ? unitName(unit, i18n.language) : null);

  const treeLink = `/units?on=${on ?? todayInVietnam()}`;
  if (latest.error) {
    const missing = latest.error instanceof ApiError && (latest.error.status === 404 || latest.error.status === 400);
    return (
      <>
        <p className="back-link">
          <Link to={treeLink}>← {t('unit.backToTree')}</Link>
        </p>
        <h1 className="page-title">{t('unit.notFound')}</h1>
        {missing ? null : <ErrorNotice error={latest.error} onRetry={() => void latest.refetch()} />}
      </>
    );
  }
  if (!unit) {
    return (
      <p role="status" aria-live="polite">
        {t('app.loading')}
      </p>
    );
  }

  const otherName = i18n.language === 'en' ? unit.nameVi : unit.nameEn;
  const status = unit.status ?? 'active';
  return (
    <>
      <p className="back-link">
        <Link to={treeLink}>← {t('unit.backToTree')}</Link>
      </p>
      <h1 className="page-title">{unitName(unit, i18n.language)}</h1>
      <p className="subtitle" lang={i18n.language === 'en' ? 'vi' : 'en'}>
        {otherName}
      </p>
      <DateField
        label={t('unit.asOf')}
        hint={t('unit.asOfHint')}
        value={on ?? ''}
        onChange={(date) => setParams(new URLSearchParams({ on: date }), { replace: true })}
      />
      {notValidOn ? (
        <p className="notice" role="status">
          {t('unit.notValidOn', { date: formatLocalDate(on, i18n.language) })}
        </p>
      ) : null}

      <div className="unit-layout">
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('unit.facts')}</h2>
          <dl className="facts">
            <dt>{t('unit.code')}</dt>
            <dd>{unit.code}</dd>
            <dt>{t('unit.type')}</dt>
            <dd>{t(`unitTypes.${unit.unitType}`)}</dd>
            <dt>{t('unit.areaCode')}</dt>
            <dd>{unit.areaCode ?? t('unit.none')}</dd>
            <dt>{t('unit.validity')}</dt>
            <dd>
              {unit.validTo
                ? t('unit.validFromTo', {
                    from: formatLocalDate(unit.validFrom, i18n.language),
                    to: formatLocalDate(unit.validTo, i18n.language),
                  })
                : t('unit.validFrom', { from: formatLocalDate(unit.validFrom, i18n.language) })}
            </dd>
            <dt>{t('unit.status')}</dt>
            <dd>
              <span className={`status status--${status}`}>{t(`statuses.${status}`)}</span>
            </dd>
            <dt>{t('unit.parent')}</dt>
            <dd>{unit.parentId ? <UnitLink unitId={unit.parentId} on={on} /> : t('unit.none')}</dd>
          </dl>
        </section>

        <section className="panel" aria-labelledby="lineage-title">
          <h2 id="lineage-title">{t('unit.lineage')}</h2>
          <QueryStatus query={lineage} />
          {lineage.data ? (
            <>
              <h3>{t('unit.predecessors')}</h3>
              {lineage.data.predecessors.length ? <PredecessorList units={lineage.data.predecessors} /> : <p>{t('unit.noPredecessors')}</p>}
              <h3>{t('unit.successors')}</h3>
              {lineage.data.successors.length ? <LinkedUnitList units={lineage.data.successors} /> : null}
              {lineage.data.successorUnknown ? <p className="notice">{t('unit.successorUnknown')}</p> : null}
              {!lineage.data.successors.length && !lineage.data.successorUnknown ? <p>{t('unit.noSuccessors')}</p> : null}
              <h3>{t('unit.carriedOnBy', { date: formatLocalDate(lineage.data.carriedOnBy.on, i18n.language) })}</h3>
              {lineage.data.carriedOnBy.unknown ? (
                <p className="notice">
                  {t('unit.carriedOnUnknown', { date: formatLocalDate(lineage.data.carriedOnBy.on, i18n.language) })}
                </p>
              ) : lineage.data.carriedOnBy.units.length ? (
                <LinkedUnitList units={lineage.data.carriedOnBy.units} on={lineage.data.carriedOnBy.on} />
              ) : (
                <p>{t('unit.carriedOnNobody', { date: formatLocalDate(lineage.data.carriedOnBy.on, i18n.language) })}</p>
              )}
            </>
          ) : null}
        </section>
      </div>

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t('unit.history')}</h2>
        <p className="field__hint">{t('unit.historyIntro')}</p>
        <QueryStatus query={history} />
        {history.data ? (
          <ol className="timeline">
            {history.data.events.map((event) => (
              <HistoryEntry key={event.eventId} event={event} />
            ))}
          </ol>
        ) : null}
      </section>
    </>
  );
}

/** "01/01/2020 – 01/07/2025", or "từ 01/07/2025" while still valid. */
function useValidity() {
  const { t, i18n } = useTranslation();
  return (unit: { validFrom: string; validTo: string | null }) => {
    const from = formatLocalDate(unit.validFrom, i18n.language);
    return unit.validTo ? `${from} – ${formatLocalDate(unit.validTo, i18n.language)}` : t('unit.validFrom', { from });
  };
}

function LinkedUnitList({ units, on }: { units: readonly LinkedUnit[]; on?: string }) {
  const { t } = useTranslation();
  const validity = useValidity();
  return (
    <ul className="linked-units">
      {units.map((u) => (
        <li key={u.unitId}>
          <Link to={on ? `/units/${u.unitId}?on=${on}` : `/units/${u.unitId}`}>{u.nameVi}</Link>{' '}
          <span className="tree__meta">
            {u.code} · {validity(u)} · {t(`statuses.${u.status}`)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function PredecessorList({ units }: { units: readonly Predecessor[] }) {
  const { t } = useTranslation();
  const validity = useValidity();
  return (
    <ul className="linked-units">
      {units.map((u) => (
        <li key={u.unitId}>
          <Link to={`/units/${u.unitId}`}>{u.nameVi}</Link>{' '}
          <span className="tree__meta">
            {u.code} · {validity(u)} · {t(`statuses.${u.status}`)}
          </span>
          {u.predecessors.length ? <PredecessorList units={u.predecessors} /> : null}
        </li>
      ))}
    </ul>
  );
}

function HistoryEntry({ event }: { event: HistoryEvent }) {
  const { t, i18n } = useTranslation();
  const summary = summarizeEvent(event, i18n.language, (type) => (type ? t(`unitTypes.${type as Unit['unitType']}`) : type));
  const actor = event.actor;
  const who = actor
    ? `${actor.name ?? (actor.roles ?? []).map((role) => (isRole(role) ? t(`roles.${role}`) : role)).join(', ')} (${actor.id.slice(0, 8)})`
    : '—';
  return (
    <li className="timeline__entry">
      <h3 className="timeline__title">{t(summary.key, summary.values)}</h3>
      <p className="timeline__when">
        <strong>{t('unit.effective', { date: formatLocalDate(event.effectiveDate, i18n.language) })}</strong> ·{' '}
        {t('unit.recorded', { when: formatInstant(event.recordedAt, i18n.language), who })}
      </p>
      {summary.references.map((ref) => (
        <p key={ref.role} className="timeline__refs">
          {t(ref.role === 'parent' ? 'unit.parent' : `events.${ref.role}`)}:{' '}
          {ref.unitIds.map((id, i) => (
            <span key={id}>
              {i ? ', ' : ''}
              <UnitLink unitId={id} on={event.effectiveDate} />
            </span>
          ))}
        </p>
      ))}
    </li>
  );
}

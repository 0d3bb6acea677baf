import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { directoryApi } from '../api/directory';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { isLocalDate, todayInVietnam } from '../dates';
import { DateField } from '../directory/date-field';
import { intakeApi } from '../staff/intake-api';
import { BreakdownPanel } from './breakdown-panel';
import './dashboard.css';
import { currentUnit, drillInto, drillUpTo, parseTrail, trailParam } from './drill-down';
import { OverallPanel } from './overall-panel';
import { SampleProgressPanel } from './sample-progress-panel';
import { FigureQuery, ScoringCampaign, scoringApi, Structure } from './scoring-api';
import { TrendPanel } from './trend-panel';
import { UnitRanking } from './unit-ranking';

/** The campaign shown when none is chosen: the latest with forms counted, else the latest. */
export function defaultCampaign(campaigns: readonly ScoringCampaign[]): ScoringCampaign | null {
  const withForms = campaigns.filter((c) => c.responses.onTime > 0);
  return withForms[withForms.length - 1] ?? campaigns[campaigns.length - 1] ?? null;
}

/**
 * Leadership's view of a campaign. Everything on it reads the same parameters from the address
 * (?campaign=&structure=&on=&path=), so what is exported is what is on screen and a view can be shared.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('dashboard.title'));
  const language = i18n.language;

  const campaigns = useQuery({ queryKey: ['scoring', 'campaigns'], queryFn: ({ signal }) => scoringApi.campaigns(accessToken, signal) });
  const list = campaigns.data?.campaigns ?? [];
  const campaign = list.find((c) => c.campaignId === params.get('campaign')) ?? defaultCampaign(list);
  const structure: Structure = params.get('structure') === 'rolled-up' ? 'rolled-up' : 'as-it-was';
  const requestedOn = params.get('on');
  const on = isLocalDate(requestedOn) ? requestedOn : todayInVietnam();
  // Names as they were on the structure date (rolled up) or on the campaign's last day.
  const nameDate = structure === 'rolled-up' ? on : (campaign?.period.to ?? on);
  const tree = useQuery({
    queryKey: ['directory', 'tree', nameDate],
    queryFn: ({ signal }) => directoryApi.tree(accessToken, nameDate, signal),
    enabled: campaign !== undefined && campaign !== null,
  });
  // The drill-down starts at the province: with one root unit, an empty trail is that unit (its districts).
  const requestedTrail = parseTrail(params.get('path'));
  const roots = tree.data?.roots ?? [];
  const trail = requestedTrail.length === 0 && roots.length === 1 ? [roots[0].unitId] : requestedTrail;
  const query: FigureQuery | null =
    campaign && tree.data ? { campaignId: campaign.campaignId, structure, on, under: currentUnit(trail) } : null;

  const update = (changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace });
  };

  const figures = useQuery({
    queryKey: ['scoring', 'figures', query, 'unit'],
    queryFn: ({ signal }) => scoringApi.figures(accessToken, query as FigureQuery, 'unit', signal),
    // No placeholder from the previous view: old figures under a new heading would be read as the new unit's.
    enabled: query !== null,
  });
  const questionnaireRef = figures.data?.campaign.questionnaire;
  const questionnaire = useQuery({
    queryKey: ['intake', 'questionnaire', questionnaireRef?.questionnaireId, questionnaireRef?.version],
    queryFn: ({ signal }) =>
      intakeApi.questionnaire(accessToken, questionnaireRef?.questionnaireId ?? '', questionnaireRef?.version ?? 1, signal),
    enabled: !!questionnaireRef,
    staleTime: Infinity,
  });
  const trailUnits = useQueries({
    queries: trail.map((unitId) => ({
      queryKey: ['directory', 'unit', unitId, nameDate],
      queryFn: ({ signal }: { signal: AbortSignal }) => directoryApi.unit(accessToken, unitId, nameDate, signal),
      staleTime: Infinity,
    })),
  });
  const trailName = (i: number) => {
    const unit = trailUnits[i]?.data;
    return unit ? (language === 'en' ? unit.nameEn : unit.nameVi) : '…';
  };
  const scopeName = trail.length ? trailName(trail.length - 1) : t('dashboard.wholeCampaign');

  return (
    <>
      <h1 className="page-title">{t('dashboard.title')}</h1>
      <p className="lead">{t('dashboard.intro')}</p>
      <QueryStatus query={campaigns} />
      {campaigns.data && list.length === 0 ? <p>{t('dashboard.noCampaigns')}</p> : null}
      {campaign ? (
        <>
          <div className="dashboard-controls panel">
            <div className="field">
              <label htmlFor="dashboard-campaign">{t('dashboard.campaign')}</label>
              <select
                id="dashboard-campaign"
                value={campaign.campaignId}
                onChange={(e) => update({ campaign: e.target.value, path: null })}
              >
                {list.map((c) => (
                  <option key={c.campaignId} value={c.campaignId}>
                    {language === 'en' ? c.nameEn : c.nameVi} ({c.period.from} – {c.period.to})
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field">
              <legend>{t('dashboard.structure')}</legend>
              <label className="field--check">
                <input
                  type="radio"
                  name="structure"
                  checked={structure === 'as-it-was'}
                  onChange={() => update({ structure: null, on: null, path: null })}
                />
                {t('dashboard.asItWas')}
              </label>
              <label className="field--check">
                <input
                  type="radio"
                  name="structure"
                  checked={structure === 'rolled-up'}
                  onChange={() => update({ structure: 'rolled-up', path: null })}
                />
                {t('dashboard.rolledUp')}
              </label>
            </fieldset>
            {structure === 'rolled-up' ? (
              <DateField
                label={t('dashboard.structureOn')}
                hint={t('dashboard.structureHint')}
                value={on}
                onChange={(date) => update({ on: date, path: null }, true)}
              />
            ) : null}
          </div>

          <nav aria-label={t('dashboard.path')} className="breadcrumbs">
            <ol>
              {trail.length === 0 ? (
                <li>
                  <span aria-current="location">{t('dashboard.wholeCampaign')}</span>
                </li>
              ) : null}
              {trail.map((unitId, i) => (
                <li key={unitId}>
                  {i === trail.length - 1 ? (
                    <span aria-current="location">{trailName(i)}</span>
                  ) : (
                    <button type="button" className="link-button" onClick={() => update({ path: trailParam(drillUpTo(trail, i)) })}>
                      {trailName(i)}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          </nav>

          <QueryStatus query={figures} />
          <QueryStatus query={tree} />
          {figures.data && query ? (
            <div className="dashboard-grid" aria-busy={figures.isFetching}>
              <OverallPanel figures={figures.data} scopeName={scopeName} content={questionnaire.data?.content ?? null} />
              <UnitRanking
                figures={figures.data}
                query={query}
                onDrill={(unitId) => update({ path: trailParam(drillInto(trail, unitId)) })}
              />
              <TrendPanel query={query} />
              <BreakdownPanel query={query} />
              <SampleProgressPanel campaign={figures.data.campaign} />
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { ExportButtons } from './export-buttons';
import { formatIndex, formatInterval, groupName, intervalPoint } from './figure-format';
import { IntervalChart } from './interval-chart';
import { FigureQuery, scoringApi } from './scoring-api';

const DIMENSIONS = [
  ['channel', 'dashboard.byChannel'],
  ['unitType', 'dashboard.byUnitType'],
  ['procedure', 'dashboard.byProcedure'],
] as const;
type BreakdownBy = (typeof DIMENSIONS)[number][0];

/** The same responses broken down by channel, unit type or procedure, within the unit on screen. */
export function BreakdownPanel({ query }: { query: FigureQuery }) {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const [by, setBy] = useState<BreakdownBy>('channel');
  const figures = useQuery({
    queryKey: ['scoring', 'figures', query, by],
    queryFn: ({ signal }) => scoringApi.figures(accessToken, query, by, signal),
  });
  const groups = figures.data?.groups ?? [];
  const points = groups.map((g) => intervalPoint(g.key, groupName(g, i18n.language), { ...g.overall, ...g }));
  return (
    <section className="panel" aria-labelledby="breakdown-title" aria-busy={figures.isFetching}>
      <h2 id="breakdown-title">{t('dashboard.breakdownTitle')}</h2>
      <div className="segmented" role="radiogroup" aria-labelledby="breakdown-title">
        {DIMENSIONS.map(([dimension, label]) => (
          <label key={dimension} className={dimension === by ? 'segmented__option segmented__option--on' : 'segmented__option'}>
            <input type="radio" name="breakdown" value={dimension} checked={dimension === by} onChange={() => setBy(dimension)} />
            {t(label)}
          </label>
        ))}
      </div>
      <QueryStatus query={figures} />
      {points.length > 0 ? (
        <>
          <IntervalChart points={points} caption={t('dashboard.factorsHint')} />
          <table className="figures-table">
            <thead>
              <tr>
                <th scope="col">{t(DIMENSIONS.find(([d]) => d === by)?.[1] ?? 'dashboard.byChannel')}</th>
                <th scope="col">{t('dashboard.index')}</th>
                <th scope="col">{t('dashboard.intervalShort')}</th>
                <th scope="col">{t('dashboard.n')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    {groupName(g, i18n.language)}
                    {g.belowMinimumSample ? <span className="ranking__note">{t('dashboard.unranked')}</span> : null}
                  </th>
                  <td>{formatIndex(g.overall.index, i18n.language)}</td>
                  <td>{formatInterval(g.overall.interval, i18n.language)}</td>
                  <td>{g.sampleSize}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {figures.data && points.length === 0 ? <p>{t('dashboard.unitsEmpty')}</p> : null}
      <ExportButtons query={query} by={by} what={t('dashboard.exportBreakdown')} />
    </section>
  );
}

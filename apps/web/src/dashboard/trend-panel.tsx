import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { formatIndex, formatInterval } from './figure-format';
import { trendPoints } from './trend';
import { FigureQuery, PeriodSize, scoringApi } from './scoring-api';

const SIZES: PeriodSize[] = ['week', 'month', 'day'];

/** The overall index per week, month or day with its interval as a band: a dip inside the band is noise. */
export function TrendPanel({ query }: { query: FigureQuery }) {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const [size, setSize] = useState<PeriodSize>('week');
  const series = useQuery({
    queryKey: ['scoring', 'series', query, size],
    queryFn: ({ signal }) => scoringApi.series(accessToken, query, size, signal),
  });
  const points = trendPoints(series.data?.points ?? []);
  return (
    <section className="panel" aria-labelledby="trend-title" aria-busy={series.isFetching}>
      <h2 id="trend-title">{t('dashboard.trendTitle')}</h2>
      <div className="field field--inline">
        <label htmlFor="trend-size">{t('dashboard.periodSize')}</label>
        <select id="trend-size" value={size} onChange={(e) => setSize(e.target.value as PeriodSize)}>
          {SIZES.map((s) => (
            <option key={s} value={s}>
              {t(`dashboard.periods.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryStatus query={series} />
      {series.data && points.length === 0 ? <p>{t('dashboard.trendEmpty')}</p> : null}
      {points.length > 0 ? (
        <figure className="chart">
          <div className="chart__canvas" aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="period" tick={{ fontSize: 12 }} />
                <YAxis domain={[0, 100]} unit="%" width={48} />
                <Tooltip
                  formatter={(value) =>
                    typeof value === 'number' ? `${value}%` : Array.isArray(value) ? value.join('–') + '%' : String(value)
                  }
                />
                <Area
                  dataKey="band"
                  stroke="none"
                  fill="#9fb0cf"
                  fillOpacity={0.5}
                  isAnimationActive={false}
                  name={t('dashboard.intervalShort')}
                />
                <Line
                  dataKey="index"
                  stroke="#143a7b"
                  strokeWidth={2}
                  dot
                  isAnimationActive={false}
                  name={t('dashboard.index')}
                  connectNulls={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="chart__caption">{t('dashboard.trendHint')}</figcaption>
        </figure>
      ) : null}
      {series.data && series.data.points.length > 0 ? (
        <details>
          <summary>{t('dashboard.trendTable')}</summary>
          <table className="figures-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.period')}</th>
                <th scope="col">{t('dashboard.index')}</th>
                <th scope="col">{t('dashboard.intervalShort')}</th>
                <th scope="col">{t('dashboard.n')}</th>
              </tr>
            </thead>
            <tbody>
              {series.data.points.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  <td>{formatIndex(p.overall.index, i18n.language)}</td>
                  <td>{formatInterval(p.overall.interval, i18n.language)}</td>
                  <td>{p.sampleSize}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

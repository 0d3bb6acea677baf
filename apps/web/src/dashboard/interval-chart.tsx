import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatIndex, IntervalPoint } from './figure-format';

const BRAND = '#143a7b';
const FAINT = '#9fb0cf';
const WHISKER = '#b3261e';

/**
 * Indices as horizontal bars with their 95% intervals as whiskers; a bar resting on a small sample is drawn
 * faint. The table beside it carries the same numbers for screen readers and for anyone who reads rather than looks.
 */
export function IntervalChart({ points, caption }: { points: readonly IntervalPoint[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const height = 40 + points.length * 36;
  // A phone leaves the bars little room next to long labels.
  const narrow = globalThis.matchMedia?.('(max-width: 40rem)').matches ?? false;
  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={[...points]} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" />
            <YAxis type="category" dataKey="label" width={narrow ? 110 : 170} tick={{ fontSize: 12 }} interval={0} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? formatIndex(value / 100, i18n.language) : String(value))} />
            <Bar dataKey="value" isAnimationActive={false} name={t('dashboard.index')}>
              {points.map((p) => (
                <Cell key={p.id} fill={p.smallSample ? FAINT : BRAND} />
              ))}
              <ErrorBar dataKey="error" width={8} strokeWidth={2} stroke={WHISKER} direction="x" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart__caption">{caption}</figcaption>
    </figure>
  );
}

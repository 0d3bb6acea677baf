import { useTranslation } from 'react-i18next';
import { formatIndex, formatInterval } from './figure-format';
import type { Interval } from './scoring-api';

/**
 * One unit's index on a 0–100 % line: the interval as a band, the estimate as a mark. Drawn the same for
 * every row, so a wide band (a small sample) shows as plainly as the estimate itself.
 */
export function IntervalBar({ index, interval, faint }: { index: number | null; interval: Interval | null; faint?: boolean }) {
  const { t, i18n } = useTranslation();
  if (index === null) return <span className="interval-bar interval-bar--empty">—</span>;
  const label = t('dashboard.intervalBar', { index: formatIndex(index, i18n.language), interval: formatInterval(interval, i18n.language) });
  return (
    <span className={faint ? 'interval-bar interval-bar--faint' : 'interval-bar'} role="img" aria-label={label} title={label}>
      {interval ? (
        <span
          className="interval-bar__band"
          style={{ left: `${interval.lower * 100}%`, width: `${(interval.upper - interval.lower) * 100}%` }}
        />
      ) : null}
      <span className="interval-bar__mark" style={{ left: `${index * 100}%` }} />
    </span>
  );
}

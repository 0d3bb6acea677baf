import { useTranslation } from 'react-i18next';
import { canDrillInto, formatIndex, formatInterval, groupName, inRankOrder, rankLabel } from './figure-format';
import { ExportButtons } from './export-buttons';
import { IntervalBar } from './interval-bar';
import type { FigureQuery, Figures } from './scoring-api';

/** The units one level down, in rank groups, each with its interval drawn to scale; a unit with units below opens them. */
export function UnitRanking({ figures, query, onDrill }: { figures: Figures; query: FigureQuery; onDrill: (unitId: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = inRankOrder(figures.groups);
  return (
    <section className="panel" aria-labelledby="units-title">
      <h2 id="units-title">{t('dashboard.unitsTitle')}</h2>
      <p className="field__hint">{t('dashboard.unitsHint')}</p>
      {rows.length === 0 ? (
        <p>{t('dashboard.unitsEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="figures-table ranking">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.rank')}</th>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col">{t('dashboard.index')}</th>
                <th scope="col" className="ranking__bar-col">
                  {t('dashboard.intervalShort')}
                </th>
                <th scope="col">{t('dashboard.n')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((group) => {
                const name = groupName(group, language);
                const note =
                  group.unranked === 'below-minimum-sample'
                    ? t('dashboard.unranked')
                    : group.unranked === 'no-estimate'
                      ? t('dashboard.noEstimate')
                      : null;
                const unitId = group.label.units[0]?.unitId;
                return (
                  <tr key={group.key} className={group.rank ? undefined : 'ranking__unranked'}>
                    <td className="ranking__rank">{rankLabel(group.rank) ?? '—'}</td>
                    <th scope="row">
                      {canDrillInto(group, query.under) && unitId ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={t('dashboard.drillInto', { name })}
                          onClick={() => onDrill(unitId)}
                        >
                          {name}
                        </button>
                      ) : (
                        <span>{name}</span>
                      )}
                      {group.label.successorUnknown ? <span className="muted"> ({t('dashboard.successorUnknown')})</span> : null}
                      {note ? <span className="ranking__note">{note}</span> : null}
                    </th>
                    <td className="ranking__index">
                      {formatIndex(group.overall.index, language)}
                      <span className="ranking__interval">{formatInterval(group.overall.interval, language)}</span>
                    </td>
                    <td className="ranking__bar-col">
                      <IntervalBar index={group.overall.index} interval={group.overall.interval} faint={group.belowMinimumSample} />
                    </td>
                    <td>{group.sampleSize}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ExportButtons query={query} by="unit" what={t('dashboard.exportUnits')} />
    </section>
  );
}

import type { QuestionnaireContent } from '@hailong/contracts';
import { useTranslation } from 'react-i18next';
import { formatIndex, formatInterval, intervalPoint, reliabilityOf } from './figure-format';
import { IntervalChart } from './interval-chart';
import type { Figures } from './scoring-api';

/** The headline: the overall index of what is on screen with its interval and sample, then each factor. */
export function OverallPanel({
  figures,
  scopeName,
  content,
}: {
  figures: Figures;
  scopeName: string;
  content: QuestionnaireContent | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { total, campaign, responses } = figures;
  const reliability = reliabilityOf(total);
  const factorName = (id: string) => {
    const factor = content?.factors.find((f) => f.id === id);
    return factor ? `${id}. ${language === 'en' ? factor.en : factor.vi}` : id;
  };
  const points = total.factors.map((f) =>
    intervalPoint(f.factorId, factorName(f.factorId), { ...f, belowMinimumSample: f.sampleSize < campaign.minimumSample }),
  );
  return (
    <section className="panel overall" aria-labelledby="overall-title">
      <h2 id="overall-title">{t('dashboard.overallOf', { name: scopeName })}</h2>
      <div className="headline">
        <p className="headline__value" data-testid="overall-index">
          {formatIndex(total.overall.index, language)}
        </p>
        <div className="headline__facts">
          <p data-testid="overall-interval">{t('dashboard.interval', { interval: formatInterval(total.overall.interval, language) })}</p>
          <p data-testid="overall-sample">{t('dashboard.sample', { count: total.sampleSize })}</p>
          <p className="muted">{t('dashboard.responses', { onTime: responses.onTime, late: responses.late })}</p>
        </div>
      </div>
      {reliability === 'small-sample' ? (
        <p className="notice notice--warning" role="note">
          {t('dashboard.smallSample', { minimum: campaign.minimumSample })}
        </p>
      ) : null}
      {reliability === 'no-answers' ? <p className="notice">{t('dashboard.noAnswers')}</p> : null}
      {points.length > 0 && reliability !== 'no-answers' ? (
        <>
          <h3>{t('dashboard.factorsTitle')}</h3>
          <IntervalChart points={points} caption={t('dashboard.factorsHint')} />
          <table className="figures-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.factorsTitle')}</th>
                <th scope="col">{t('dashboard.index')}</th>
                <th scope="col">{t('dashboard.intervalShort')}</th>
                <th scope="col">{t('dashboard.n')}</th>
              </tr>
            </thead>
            <tbody>
              {total.factors.map((f) => (
                <tr key={f.factorId}>
                  <th scope="row">{factorName(f.factorId)}</th>
                  <td>{formatIndex(f.index, language)}</td>
                  <td>{formatInterval(f.interval, language)}</td>
                  <td>{f.sampleSize}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

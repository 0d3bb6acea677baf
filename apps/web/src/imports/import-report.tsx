import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, RowOutcome } from './import-api';

type Filter = 'all' | RowOutcome['outcome'];

/** Rows rendered at most: a file may hold thousands; the summary counts them all. */
export const MAX_SHOWN = 1000;

export function rowsShown(rows: readonly RowOutcome[], filter: Filter): RowOutcome[] {
  return (filter === 'all' ? rows : rows.filter((r) => r.outcome === filter)).slice(0, MAX_SHOWN);
}

/** The per-row report: the totals, whether the whole file was read, and each row's outcome with its fields and reasons. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const vi = i18n.language === 'vi';
  const id = useId();
  // A report with refusals opens on them: they are what the person has to act on.
  const [filter, setFilter] = useState<Filter>(report.summary.refused > 0 ? 'refused' : 'all');
  const shown = rowsShown(report.rows, filter);
  const total = filter === 'all' ? report.rows.length : report.rows.filter((r) => r.outcome === filter).length;
  const filters: [Filter, string][] = [
    ['all', t('imports.showAll')],
    ['refused', t('imports.showRefused')],
    ['duplicate', t('imports.showDuplicate')],
    ['accepted', t('imports.showAccepted')],
  ];
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('imports.report')}</h2>
      <p role="status" className="import-summary">
        {t('imports.summary', report.summary)}
      </p>
      {report.complete ? (
        <p>{t('imports.complete')}</p>
      ) : report.stopped ? (
        <p className="notice notice--error">{t('imports.stopped', { reason: vi ? report.stopped.reasonVi : report.stopped.reason })}</p>
      ) : null}
      <fieldset className="import-filter">
        <legend>{t('imports.show')}</legend>
        {filters.map(([value, label]) => (
          <label key={value} className="import-filter__option">
            <input type="radio" name={`${id}-filter`} value={value} checked={filter === value} onChange={() => setFilter(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p>{t('imports.shownOf', { shown: shown.length, total })}</p>
      <div className="import-table-wrap">
        <table className="import-table">
          <caption className="visually-hidden">{t('imports.report')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.row')}</th>
              <th scope="col">{t('imports.formNumber')}</th>
              <th scope="col">{t('imports.outcome')}</th>
              <th scope="col">{t('imports.details')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.row} className={`import-row import-row--${r.outcome}`}>
                <th scope="row">{r.row}</th>
                <td>{r.formNumber ?? '—'}</td>
                <td>{t(`imports.${r.outcome}`)}</td>
                <td>
                  {r.outcome === 'refused' ? (
                    <ul className="import-errors">
                      {r.errors.map((e, i) => (
                        <li key={i}>
                          <code>{e.field}</code>: {vi ? e.reasonVi : e.reason}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <code>{r.responseId}</code>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

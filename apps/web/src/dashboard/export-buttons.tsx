import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../app/error-notice';
import { useSession } from '../auth/auth-context';
import { Dimension, downloadExport, FigureQuery, scoringApi } from './scoring-api';

/** CSV and XLSX of the table on screen: the scoring export with exactly the parameters the table was read with. */
export function ExportButtons({ query, by, what }: { query: FigureQuery; by: Dimension; what: string }) {
  const { t } = useTranslation();
  const { accessToken } = useSession();
  const download = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => downloadExport(accessToken, scoringApi.exportPath(query, by, format)),
  });
  return (
    <div className="export">
      <button type="button" className="button button--small" disabled={download.isPending} onClick={() => download.mutate('csv')}>
        {t('dashboard.exportCsv', { what })}
      </button>
      <button type="button" className="button button--small" disabled={download.isPending} onClick={() => download.mutate('xlsx')}>
        {t('dashboard.exportXlsx', { what })}
      </button>
      {download.data ? (
        <p role="status" className="export__done">
          {t('dashboard.exported', { name: download.data })}
        </p>
      ) : null}
      {download.error ? <ErrorNotice error={download.error} /> : null}
    </div>
  );
}

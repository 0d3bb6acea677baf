import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { useSession } from '../auth/auth-context';
import { tabletApi } from '../tablet/tablet-api';
import { formatOf, ImportFormat, importApi, saveBlob } from './import-api';
import { ImportReportView } from './import-report';
import './imports.css';

/** Bulk upload of keyed-in paper forms: the campaign's template, the file, and the per-row report. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const vi = i18n.language === 'vi';
  const session = useSession();
  const id = useId();
  const [campaignId, setCampaignId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  usePageTitle(t('imports.title'));

  const campaigns = useQuery({
    queryKey: ['import-campaigns', session.subject],
    queryFn: ({ signal }) => tabletApi.campaigns(session.accessToken, signal),
    select: (all) => all.filter((c) => c.status === 'open' && c.methods.includes('paper')),
  });
  const upload = useMutation({
    mutationFn: ({ file, format }: { file: File; format: ImportFormat }) => importApi.upload(session.accessToken, campaignId, file, format),
  });
  const template = useMutation({
    mutationFn: (format: ImportFormat) => importApi.template(session.accessToken, campaignId, format),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const format = file ? formatOf(file.name) : null;
    if (!file || !format) {
      setFileMissing(true);
      return;
    }
    setFileMissing(false);
    upload.mutate({ file, format });
  };

  const refusal = upload.error instanceof ApiError && upload.error.status < 500 ? upload.error : null;

  return (
    <>
      <h1 className="page-title">{t('imports.title')}</h1>
      <p className="lead">{t('imports.intro')}</p>
      {campaigns.isError ? <ErrorNotice error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      {campaigns.data && campaigns.data.length === 0 ? <p>{t('imports.noCampaigns')}</p> : null}
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('imports.campaign')}</label>
          <select
            id={`${id}-campaign`}
            className="tablet-select"
            value={campaignId}
            onChange={(e) => {
              setCampaignId(e.target.value);
              upload.reset();
            }}
          >
            <option value="">{t('imports.chooseCampaign')}</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.campaignId} value={c.campaignId}>
                {vi ? c.nameVi : c.nameEn}
              </option>
            ))}
          </select>
        </div>
        {campaignId ? (
          <>
            <fieldset className="import-template">
              <legend>{t('imports.template')}</legend>
              <button type="button" className="button" onClick={() => template.mutate('xlsx')} disabled={template.isPending}>
                {t('imports.templateXlsx')}
              </button>
              <button type="button" className="button" onClick={() => template.mutate('csv')} disabled={template.isPending}>
                {t('imports.templateCsv')}
              </button>
            </fieldset>
            {template.isError ? <ErrorNotice error={template.error} /> : null}
            <div className="field">
              <label htmlFor={`${id}-file`}>{t('imports.file')}</label>
              <p className="field__hint" id={`${id}-file-hint`}>
                {t('imports.fileHint')}
              </p>
              <input
                id={`${id}-file`}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={`${id}-file-hint`}
                aria-invalid={fileMissing}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  upload.reset();
                }}
              />
              {fileMissing ? (
                <p className="field__error" role="alert">
                  {t('imports.chooseFile')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--primary" disabled={upload.isPending}>
              {upload.isPending ? t('imports.uploading') : t('imports.upload')}
            </button>
          </>
        ) : null}
      </form>
      {upload.isPending ? <p role="status">{t('imports.uploading')}</p> : null}
      {refusal ? (
        <div className="notice notice--error" role="alert">
          <p>{t('imports.fileRefused')}</p>
          <p>{refusal.messageIn(i18n.language)}</p>
          <ul>
            {(refusal.body?.errors ?? []).map((e, i) => (
              <li key={i}>
                <code>{e.field}</code>: {vi ? (e.reasonVi ?? e.reason) : e.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : upload.isError ? (
        <ErrorNotice error={upload.error} />
      ) : null}
      {upload.data ? <ImportReportView report={upload.data} /> : null}
    </>
  );
}

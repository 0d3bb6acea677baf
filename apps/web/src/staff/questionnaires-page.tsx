import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { formatInstant } from '../dates';
import '../dashboard/dashboard.css';
import { intakeApi, QuestionnaireVersionSummary } from './intake-api';
import { fieldErrorsOf } from './rating-keys';
import './staff.css';

/** The latest version of each questionnaire: what a new version starts from. */
export function latestVersions(versions: readonly QuestionnaireVersionSummary[]): QuestionnaireVersionSummary[] {
  const latest = new Map<string, QuestionnaireVersionSummary>();
  for (const v of versions) if ((latest.get(v.questionnaireId)?.version ?? 0) < v.version) latest.set(v.questionnaireId, v);
  return [...latest.values()].sort((a, b) => a.questionnaireId.localeCompare(b.questionnaireId));
}

/** Every published version, and a new version of one published from its latest content edited as JSON. */
export function QuestionnairesPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const language = i18n.language;
  usePageTitle(t('staff.questionnaires.title'));
  const ids = useId();
  const queryClient = useQueryClient();

  const versions = useQuery({
    queryKey: ['intake', 'questionnaires'],
    queryFn: ({ signal }) => intakeApi.questionnaires(accessToken, signal),
  });
  const latest = latestVersions(versions.data?.versions ?? []);
  const [chosen, setChosen] = useState('');
  const base = latest.find((v) => v.questionnaireId === chosen) ?? latest[0] ?? null;
  const baseContent = useQuery({
    queryKey: ['intake', 'questionnaire', base?.questionnaireId, base?.version],
    queryFn: ({ signal }) => intakeApi.questionnaire(accessToken, base?.questionnaireId ?? '', base?.version ?? 1, signal),
    enabled: base !== null,
    staleTime: Infinity,
  });
  const [text, setText] = useState('');
  useEffect(() => {
    if (baseContent.data) setText(JSON.stringify(baseContent.data.content, null, 2));
  }, [baseContent.data]);
  const [parseError, setParseError] = useState<string | null>(null);

  const publish = useMutation({
    mutationFn: (content: unknown) => intakeApi.publishQuestionnaire(accessToken, base?.questionnaireId ?? '', content),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['intake', 'questionnaires'] }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const content: unknown = JSON.parse(text);
      setParseError(null);
      publish.mutate(content);
    } catch (error) {
      setParseError(t('staff.questionnaires.notJson', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  const refused = publish.error instanceof ApiError && publish.error.status < 500 ? fieldErrorsOf(publish.error.body, language, []) : null;

  return (
    <>
      <h1 className="page-title">{t('staff.questionnaires.title')}</h1>
      <p className="lead">{t('staff.questionnaires.intro')}</p>
      <section className="panel" aria-labelledby={`${ids}-versions`}>
        <h2 id={`${ids}-versions`}>{t('staff.questionnaires.versions')}</h2>
        <QueryStatus query={versions} />
        {versions.data ? (
          <div className="table-scroll">
            <table className="figures-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.questionnaires.id')}</th>
                  <th scope="col">{t('staff.questionnaires.version')}</th>
                  <th scope="col">{t('staff.campaigns.name')}</th>
                  <th scope="col">{t('staff.questionnaires.items')}</th>
                  <th scope="col">{t('staff.questionnaires.publishedAt')}</th>
                  <th scope="col">{t('staff.questionnaires.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.data.versions.map((v) => (
                  <tr key={`${v.questionnaireId}/${v.version}`}>
                    <th scope="row">{v.questionnaireId}</th>
                    <td>{v.version}</td>
                    <td>{language === 'en' ? v.titleEn : v.titleVi}</td>
                    <td>{v.items}</td>
                    <td>{formatInstant(v.publishedAt, language)}</td>
                    <td>
                      <code title={v.contentHash}>{v.contentHash.slice(0, 12)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {base ? (
        <section className="panel" aria-labelledby={`${ids}-publish`}>
          <h2 id={`${ids}-publish`}>{t('staff.questionnaires.publish')}</h2>
          <form className="form" onSubmit={onSubmit} noValidate>
            <div className="field">
              <label htmlFor={`${ids}-which`}>{t('staff.questionnaires.id')}</label>
              <select id={`${ids}-which`} value={base.questionnaireId} onChange={(e) => setChosen(e.target.value)}>
                {latest.map((v) => (
                  <option key={v.questionnaireId} value={v.questionnaireId}>
                    {v.questionnaireId} — {language === 'en' ? v.titleEn : v.titleVi}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${ids}-content`}>{t('staff.questionnaires.basedOn', { version: base.version })}</label>
              <textarea
                id={`${ids}-content`}
                className="json-editor"
                spellCheck={false}
                value={text}
                aria-describedby={`${ids}-hint`}
                aria-invalid={!!parseError || !!refused || undefined}
                onChange={(e) => setText(e.target.value)}
              />
              <p id={`${ids}-hint`} className="field__hint">
                {t('staff.questionnaires.contentHint')}
              </p>
            </div>
            {parseError ? (
              <p className="notice notice--error" role="alert">
                {parseError}
              </p>
            ) : null}
            {refused ? (
              <div className="notice notice--error" role="alert">
                <p>{(publish.error as ApiError).messageIn(language)}</p>
                <ul>
                  {refused.other.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {publish.error && !refused ? <ErrorNotice error={publish.error} /> : null}
            <div role="status">
              {publish.data ? (
                <p className="notice">
                  {t('staff.questionnaires.published', { id: publish.data.questionnaireId, version: publish.data.version })}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--primary" disabled={publish.isPending || baseContent.isPending}>
              {t('staff.questionnaires.submit')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { useSession } from '../auth/auth-context';
import { formatIndex, formatInterval } from '../dashboard/figure-format';
import { saveBlob } from '../imports/import-api';
import { tabletApi } from '../tablet/tablet-api';
import './reinspection.css';
import { RecollectedAnswersFields, recollectedAnswers, RecollectedLevel } from './recollected-answers';
import { Contact, reinspectionApi, Sample, Strata, Verdict } from './reinspection-api';

const VERDICTS: readonly Verdict[] = ['confirmed', 'not-reachable', 'respondent-denies', 'answers-differ'];

/**
 * Re-inspection (hậu kiểm, phúc tra): the audit draws and assigns seeded samples, a re-inspector sees
 * their work list, reads a respondent's phone number (each reading recorded) and records a verdict;
 * everyone of the team sees published beside re-inspected figures, the signals and the report.
 */
export function ReinspectionPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const token = session.accessToken;
  const id = useId();
  const auditor = session.roles.includes('auditor') || session.roles.includes('admin');
  const reinspector = session.roles.includes('re-inspector');
  const [campaignId, setCampaignId] = useState('');
  usePageTitle(t('reinspection.title'));

  const campaigns = useQuery({
    queryKey: ['reinspection-campaigns', session.subject],
    queryFn: ({ signal }) => tabletApi.campaigns(token, signal),
    select: (all) => all.filter((c) => c.status === 'closed'),
  });

  return (
    <>
      <h1 className="page-title">{t('reinspection.title')}</h1>
      <p className="lead">{t('reinspection.intro')}</p>
      {reinspector ? <WorkList /> : null}
      {campaigns.isError ? <ErrorNotice error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      <div className="field">
        <label htmlFor={`${id}-campaign`}>{t('reinspection.campaign')}</label>
        <select id={`${id}-campaign`} className="tablet-select" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">{t('reinspection.chooseCampaign')}</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.campaignId} value={c.campaignId}>
              {i18n.language === 'vi' ? c.nameVi : c.nameEn}
            </option>
          ))}
        </select>
      </div>
      {campaignId ? (
        <>
          {auditor ? <DrawSample campaignId={campaignId} /> : null}
          <Figures campaignId={campaignId} canClose={auditor} />
          <Signals campaignId={campaignId} />
          <Report campaignId={campaignId} />
        </>
      ) : null}
    </>
  );
}

function DrawSample({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { accessToken: token } = useSession();
  const id = useId();
  const queries = useQueryClient();
  const [share, setShare] = useState('15');
  const [strata, setStrata] = useState<Strata>('unit');
  const [seed, setSeed] = useState('');
  const [reinspectorId, setReinspectorId] = useState('');
  const draw = useMutation({
    mutationFn: () =>
      reinspectionApi.draw(token, campaignId, { share: Number(share) / 100, strata, ...(seed ? { seed: Number(seed) } : {}) }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['reinspection-figures', campaignId] }),
  });
  const assign = useMutation({ mutationFn: (sample: Sample) => reinspectionApi.assign(token, sample, reinspectorId) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    draw.mutate();
  };
  const sample = draw.data;
  return (
    <section aria-labelledby={`${id}-draw`}>
      <h2 id={`${id}-draw`}>{t('reinspection.draw')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-share`}>{t('reinspection.share')}</label>
          <input id={`${id}-share`} type="number" min="1" max="100" value={share} onChange={(e) => setShare(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-strata`}>{t('reinspection.strata')}</label>
          <select id={`${id}-strata`} className="tablet-select" value={strata} onChange={(e) => setStrata(e.target.value as Strata)}>
            <option value="unit">{t('reinspection.strataUnit')}</option>
            <option value="unit-collector">{t('reinspection.strataCollector')}</option>
            <option value="unit-channel">{t('reinspection.strataChannel')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-seed`}>{t('reinspection.seed')}</label>
          <input id={`${id}-seed`} type="number" min="0" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={draw.isPending}>
          {t('reinspection.drawButton')}
        </button>
      </form>
      {draw.isError ? <ErrorNotice error={draw.error} /> : null}
      {sample ? (
        <div role="status">
          <p>{t('reinspection.drawn', { count: sample.strata.reduce((n, s) => n + s.drawn.length, 0), seed: sample.seed })}</p>
          <div className="field">
            <label htmlFor={`${id}-assignee`}>{t('reinspection.assignTo')}</label>
            <input id={`${id}-assignee`} value={reinspectorId} onChange={(e) => setReinspectorId(e.target.value)} />
          </div>
          <button type="button" className="button" disabled={!reinspectorId || assign.isPending} onClick={() => assign.mutate(sample)}>
            {t('reinspection.assign')}
          </button>
          {assign.data ? <p>{t('reinspection.assigned', { count: assign.data.assignments.length })}</p> : null}
          {assign.isError ? <ErrorNotice error={assign.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function WorkList() {
  const { t, i18n } = useTranslation();
  const { accessToken: token, subject } = useSession();
  const queries = useQueryClient();
  const [contacts, setContacts] = useState<Record<string, Contact>>({});
  const [chosen, setChosen] = useState<Record<string, Verdict>>({});
  const [recollected, setRecollected] = useState<Record<string, Record<string, RecollectedLevel>>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['reinspection-work', subject], queryFn: ({ signal }) => reinspectionApi.workList(token, signal) });
  const questionsOf = (campaignId: string) => list.data?.questions[campaignId] ?? [];
  const contact = useMutation({
    mutationFn: (responseId: string) => reinspectionApi.contact(token, responseId),
    onSuccess: (result, responseId) => setContacts((all) => ({ ...all, [responseId]: result })),
  });
  const record = useMutation({
    mutationFn: ({
      responseId,
      verdict,
      answers,
    }: {
      responseId: string;
      verdict: Verdict;
      answers?: ReturnType<typeof recollectedAnswers>;
    }) => reinspectionApi.verdict(token, responseId, verdict, answers),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['reinspection-work', subject] }),
  });
  const contactText = (c: Contact) =>
    c.state === 'erased'
      ? t('reinspection.contactErased')
      : c.contact?.phone
        ? `${c.contact.name ?? ''} ${c.contact.phone}`.trim()
        : t('reinspection.contactNone');
  return (
    <section aria-labelledby="reinspection-work">
      <h2 id="reinspection-work">{t('reinspection.workList')}</h2>
      {list.isError ? <ErrorNotice error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.assignments.length === 0 ? <p>{t('reinspection.noWork')}</p> : null}
      {list.data && list.data.assignments.length > 0 ? (
        <table className="figures-table">
          <thead>
            <tr>
              <th scope="col">{t('reinspection.unit')}</th>
              <th scope="col">{t('reinspection.response')}</th>
              <th scope="col">{t('reinspection.contact')}</th>
              <th scope="col">{t('reinspection.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.assignments.map((a) => (
              <Fragment key={a.responseId}>
                <tr>
                  <td>{a.unit ? (i18n.language === 'vi' ? a.unit.nameVi : a.unit.nameEn) : ''}</td>
                  <td>
                    <code>{a.responseId.slice(0, 8)}</code>
                  </td>
                  <td>
                    {contacts[a.responseId] ? (
                      contactText(contacts[a.responseId])
                    ) : (
                      <button type="button" className="button" onClick={() => contact.mutate(a.responseId)}>
                        {t('reinspection.showContact')}
                      </button>
                    )}
                  </td>
                  <td>
                    {a.verdict ? (
                      t(`reinspection.${a.verdict.verdict}`)
                    ) : (
                      <>
                        <select
                          aria-label={t('reinspection.verdict')}
                          value={chosen[a.responseId] ?? 'confirmed'}
                          onChange={(e) => setChosen((all) => ({ ...all, [a.responseId]: e.target.value as Verdict }))}
                        >
                          {VERDICTS.filter((v) => v !== 'answers-differ' || questionsOf(a.campaignId).length > 0).map((v) => (
                            <option key={v} value={v}>
                              {t(`reinspection.${v}`)}
                            </option>
                          ))}
                        </select>{' '}
                        <button
                          type="button"
                          className="button"
                          onClick={() => {
                            const verdict = chosen[a.responseId] ?? 'confirmed';
                            if (verdict !== 'answers-differ') return record.mutate({ responseId: a.responseId, verdict });
                            const answers = recollectedAnswers(questionsOf(a.campaignId), recollected[a.responseId] ?? {});
                            if (answers.length === 0) return setMissing(a.responseId);
                            setMissing(null);
                            record.mutate({ responseId: a.responseId, verdict, answers });
                          }}
                        >
                          {t('reinspection.record')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
                {!a.verdict && chosen[a.responseId] === 'answers-differ' ? (
                  <tr>
                    <td colSpan={4}>
                      <RecollectedAnswersFields
                        questions={questionsOf(a.campaignId)}
                        levels={recollected[a.responseId] ?? {}}
                        onChange={(levels) => setRecollected((all) => ({ ...all, [a.responseId]: levels }))}
                      />
                      {missing === a.responseId ? (
                        <p className="field__error" role="alert">
                          {t('reinspection.recollectedMissing')}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
      {contact.isError ? <ErrorNotice error={contact.error} /> : null}
      {record.isError ? <ErrorNotice error={record.error} /> : null}
    </section>
  );
}

function Figures({ campaignId, canClose }: { campaignId: string; canClose: boolean }) {
  const { t, i18n } = useTranslation();
  const { accessToken: token } = useSession();
  const queries = useQueryClient();
  const figures = useQuery({
    queryKey: ['reinspection-figures', campaignId],
    queryFn: ({ signal }) => reinspectionApi.figures(token, campaignId, signal),
  });
  const close = useMutation({
    mutationFn: () => reinspectionApi.close(token, campaignId),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['reinspection-figures', campaignId] }),
  });
  const language = i18n.language;
  const f = figures.data;
  return (
    <section aria-labelledby="reinspection-figures">
      <h2 id="reinspection-figures">{t('reinspection.figures')}</h2>
      {figures.isError ? <ErrorNotice error={figures.error} onRetry={() => void figures.refetch()} /> : null}
      {f ? (
        <>
          <p>
            {t('reinspection.status', {
              status: f.status === 're-inspected' ? t('reinspection.statusReinspected') : t('reinspection.statusPublished'),
            })}
          </p>
          <table className="figures-table">
            <thead>
              <tr>
                <th scope="col">{t('reinspection.unit')}</th>
                <th scope="col">
                  {t('reinspection.published')}: {t('reinspection.index')}
                </th>
                <th scope="col">{t('reinspection.interval')}</th>
                <th scope="col">
                  {t('reinspection.reinspected')}: {t('reinspection.index')}
                </th>
                <th scope="col">{t('reinspection.interval')}</th>
                <th scope="col">{t('reinspection.responses')}</th>
              </tr>
            </thead>
            <tbody>
              {[f.campaign, ...f.byUnit].map((p) => (
                <tr key={p.key}>
                  <th scope="row">
                    {p.key === 'campaign' ? t('reinspection.wholeCampaign') : ((language === 'vi' ? p.nameVi : p.nameEn) ?? p.key)}
                  </th>
                  <td>{formatIndex(p.published?.overall.index ?? null, language)}</td>
                  <td>{formatInterval(p.published?.overall.interval ?? null, language)}</td>
                  <td>{formatIndex(p.reinspected?.overall.index ?? null, language)}</td>
                  <td>{formatInterval(p.reinspected?.overall.interval ?? null, language)}</td>
                  <td>
                    {p.published?.responses ?? 0} → {p.reinspected?.responses ?? 0}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canClose && f.status === 'published' ? (
            <button type="button" className="button" onClick={() => close.mutate()} disabled={close.isPending}>
              {t('reinspection.close')}
            </button>
          ) : null}
          {f.status === 're-inspected' ? <p role="status">{t('reinspection.closed')}</p> : null}
          {close.isError ? <ErrorNotice error={close.error} /> : null}
        </>
      ) : null}
    </section>
  );
}

function Signals({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { accessToken: token, roles } = useSession();
  const allowed = roles.some((r) => r === 'auditor' || r === 're-inspector' || r === 'admin');
  const signals = useQuery({
    queryKey: ['reinspection-signals', campaignId],
    queryFn: ({ signal }) => reinspectionApi.signals(token, campaignId, signal),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <section aria-labelledby="reinspection-signals">
      <h2 id="reinspection-signals">{t('reinspection.signals')}</h2>
      {signals.isError ? <ErrorNotice error={signals.error} onRetry={() => void signals.refetch()} /> : null}
      {signals.data && signals.data.length === 0 ? <p>{t('reinspection.noSignals')}</p> : null}
      {signals.data && signals.data.length > 0 ? (
        <table className="figures-table">
          <thead>
            <tr>
              <th scope="col">{t('reinspection.kind')}</th>
              <th scope="col">{t('reinspection.source')}</th>
              <th scope="col">{t('reinspection.detail')}</th>
              <th scope="col">{t('reinspection.responses')}</th>
            </tr>
          </thead>
          <tbody>
            {signals.data.map((s) => (
              <tr key={`${s.kind}-${s.source}-${s.responseIds[0]}`}>
                <td>{t(`reinspection.kind.${s.kind}`)}</td>
                <td>{s.source}</td>
                <td>{s.detail}</td>
                <td>{s.responseIds.map((r) => r.slice(0, 8)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Report({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { accessToken: token } = useSession();
  const download = useMutation({
    mutationFn: async (format: 'xlsx' | 'pdf') =>
      saveBlob(await reinspectionApi.report(token, campaignId, format), `reinspection-${campaignId}.${format}`),
  });
  return (
    <section aria-labelledby="reinspection-report">
      <h2 id="reinspection-report">{t('reinspection.report')}</h2>
      <button type="button" className="button" onClick={() => download.mutate('xlsx')} disabled={download.isPending}>
        {t('reinspection.downloadXlsx')}
      </button>{' '}
      <button type="button" className="button" onClick={() => download.mutate('pdf')} disabled={download.isPending}>
        {t('reinspection.downloadPdf')}
      </button>
      {download.isError ? <ErrorNotice error={download.error} /> : null}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { useAuth } from '../auth/auth-context';
import type { Session } from '../auth/session';
import { RatingForm } from '../citizen/rating-form';
import { labelIn, RatingBody } from '../citizen/rating-form-model';
import { formatInstant, todayInVietnam } from '../dates';
import { tabletApi } from './tablet-api';
import { countsOf, QueuedResponse } from './tablet-queue';
import { SyncReport } from './tablet-sync';
import { Assignment, isDevice, proceduresFor, TabletDevice, tabletStorage } from './tablet-setup';
import { useOnline, useTabletQueue } from './use-tablet-queue';
import '../citizen/citizen.css';

const canSync = (session: Session | null) => Boolean(session?.roles.includes('surveyor'));

/**
 * The working groups' tablet app: set up once (device, then a campaign and unit while online), then
 * forms are saved to the device's queue whatever the connection and sent in batches when it returns.
 */
export function TabletPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const online = useOnline();
  const [device, setDevice] = useState<TabletDevice | null>(() => tabletStorage.device());
  const [assignment, setAssignment] = useState<Assignment | null>(() => tabletStorage.assignment());
  const [changing, setChanging] = useState(false);
  const queue = useTabletQueue();
  usePageTitle(t('tablet.title'));

  const counts = countsOf(queue.entries ?? []);
  const ready = online && device !== null && canSync(session);
  const { sync } = queue;
  const syncNow = useCallback(() => {
    if (!device || !session) return;
    void sync((batch) => tabletApi.sync(session.accessToken, device, batch));
  }, [device, session, sync]);

  // A connection back (or the app opened online) sends what waits, without anyone pressing a button.
  const hasQueued = counts.queued > 0;
  useEffect(() => {
    if (ready && hasQueued) syncNow();
  }, [ready, hasQueued, syncNow]);

  return (
    <div className="tablet-page">
      <h1 className="page-title">{t('tablet.title')}</h1>
      <p className="lead">{t('tablet.intro')}</p>
      <p role="status" className={`connection connection--${online ? 'online' : 'offline'}`}>
        {online ? t('tablet.online') : t('tablet.offline')}
      </p>

      <DeviceSection device={device} onChange={setDevice} />

      {assignment && !changing ? (
        <EntrySection
          assignment={assignment}
          onChange={() => setChanging(true)}
          onSave={async (entry) => queue.add(entry)}
          queuedCount={counts.queued}
        />
      ) : (
        <AssignmentSection
          session={session}
          online={online}
          onStart={(a) => {
            tabletStorage.saveAssignment(a);
            setAssignment(a);
            setChanging(false);
          }}
        />
      )}

      <QueueSection
        entries={queue.entries}
        syncing={queue.syncing}
        report={queue.report}
        canSend={ready}
        needsSignIn={!canSync(session)}
        needsDevice={device === null}
        onSync={syncNow}
        onClearSent={() => void queue.clearSent()}
      />
    </div>
  );
}

function DeviceSection({ device, onChange }: { device: TabletDevice | null; onChange(device: TabletDevice | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<TabletDevice>({ deviceId: '', credential: '' });
  const [invalid, setInvalid] = useState(false);
  if (device) {
    return (
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('tablet.device')}</h2>
        <p>{t('tablet.enrolledAs', { deviceId: device.deviceId })}</p>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            tabletStorage.forgetDevice();
            onChange(null);
          }}
        >
          {t('tablet.forgetDevice')}
        </button>
      </section>
    );
  }
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!isDevice(draft)) {
      setInvalid(true);
      return;
    }
    tabletStorage.saveDevice(draft);
    onChange(tabletStorage.device());
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tablet.device')}</h2>
      <p>{t('tablet.deviceIntro')}</p>
      <form className="form" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${id}-device`}>{t('tablet.deviceId')}</label>
          <input
            id={`${id}-device`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid}
            value={draft.deviceId}
            onChange={(e) => setDraft({ ...draft, deviceId: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-credential`}>{t('tablet.credential')}</label>
          <input
            id={`${id}-credential`}
            type="password"
            autoComplete="off"
            aria-invalid={invalid}
            value={draft.credential}
            onChange={(e) => setDraft({ ...draft, credential: e.target.value })}
          />
        </div>
        {invalid ? (
          <p className="field__error" role="alert">
            {t('tablet.deviceInvalid')}
          </p>
        ) : null}
        <button type="submit" className="button button--primary">
          {t('tablet.saveDevice')}
        </button>
      </form>
    </section>
  );
}

function AssignmentSection({ session, online, onStart }: { session: Session | null; online: boolean; onStart(a: Assignment): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const token = session?.accessToken ?? null;
  const [campaignId, setCampaignId] = useState('');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [starting, setStarting] = useState<unknown>(null);
  const campaigns = useQuery({
    queryKey: ['tablet-campaigns', session?.subject],
    queryFn: ({ signal }) => tabletApi.campaigns(token as string, signal),
    enabled: token !== null && online,
    select: (all) => all.filter((c) => c.status === 'open' && c.methods.includes('tablet')),
  });
  const units = useQuery({
    queryKey: ['tablet-units', searched],
    queryFn: ({ signal }) => tabletApi.searchUnits(token as string, searched, signal),
    enabled: token !== null && searched !== '',
  });

  if (!canSync(session)) {
    return (
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('tablet.assignment')}</h2>
        <p>{t('tablet.signInToPrepare')}</p>
        <Link className="button button--primary" to="/sign-in" state={{ from: '/tablet' }}>
          {t('tablet.signIn')}
        </Link>
      </section>
    );
  }

  const start = async (unit: { unitId: string; nameVi: string; nameEn: string; unitType: string }) => {
    const campaign = campaigns.data?.find((c) => c.campaignId === campaignId);
    if (!campaign || !token) return;
    try {
      const content = await tabletApi.questionnaire(token, campaign.questionnaire);
      onStart({
        campaign: { campaignId: campaign.campaignId, nameVi: campaign.nameVi, nameEn: campaign.nameEn },
        unit: { unitId: unit.unitId, nameVi: unit.nameVi, nameEn: unit.nameEn },
        questions: { titleVi: content.titleVi, titleEn: content.titleEn, ratingScale: content.ratingScale, factors: content.factors },
        procedures: proceduresFor(content.procedures, unit.unitType),
      });
    } catch (error) {
      setStarting(error);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tablet.assignment')}</h2>
      <p>{t('tablet.assignmentIntro')}</p>
      {campaigns.isError ? <ErrorNotice error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      {campaigns.data && campaigns.data.length === 0 ? <p>{t('tablet.noCampaigns')}</p> : null}
      <div className="form">
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('tablet.campaign')}</label>
          <select id={`${id}-campaign`} className="tablet-select" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            <option value="">{t('tablet.chooseCampaign')}</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.campaignId} value={c.campaignId}>
                {language === 'en' ? c.nameEn : c.nameVi}
              </option>
            ))}
          </select>
        </div>
        {campaignId ? (
          <form
            className="form form--inline"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setSearched(q.trim());
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t('tablet.unitSearch')}</label>
              <input id={`${id}-unit`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            </div>
            <button type="submit" className="button">
              {t('tablet.search')}
            </button>
          </form>
        ) : null}
      </div>
      {units.isError ? <ErrorNotice error={units.error} /> : null}
      {starting ? <ErrorNotice error={starting} /> : null}
      {units.data ? (
        units.data.units.length === 0 ? (
          <p role="status">{t('tablet.noUnits')}</p>
        ) : (
          <ul className="result-list">
            {units.data.units
              .filter((u) => u.validTo === null)
              .map((u) => (
                <li key={u.unitId} className="result">
                  <button type="button" className="button" onClick={() => void start(u)}>
                    {t('tablet.chooseUnit', { name: language === 'en' ? u.nameEn : u.nameVi })}
                  </button>
                </li>
              ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

function EntrySection({
  assignment,
  onChange,
  onSave,
  queuedCount,
}: {
  assignment: Assignment;
  onChange(): void;
  onSave(entry: Omit<QueuedResponse, 'status' | 'tabletResponseId'>): Promise<void>;
  queuedCount: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const [procedureId, setProcedureId] = useState('');
  const [serviceDate, setServiceDate] = useState(() => todayInVietnam());
  const [formKey, setFormKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const procedure = assignment.procedures.find((p) => p.id === procedureId);

  const save = async (body: RatingBody) => {
    if (!procedure) return;
    setSaving(true);
    setFailure(null);
    try {
      await onSave({
        queuedAt: Date.now(),
        unitName: assignment.unit.nameVi,
        procedureName: procedure.vi,
        response: {
          ...body,
          tabletResponseId: crypto.randomUUID(),
          campaignId: assignment.campaign.campaignId,
          unitId: assignment.unit.unitId,
          procedureId: procedure.id,
          serviceDate,
        },
      });
      setSaved(true);
      setProcedureId('');
      // A fresh form for the next person.
      setFormKey((k) => k + 1);
      window.scrollTo?.(0, 0);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tablet.newResponse')}</h2>
      <p>
        <strong>
          {t('tablet.assignmentSet', {
            campaign: language === 'en' ? assignment.campaign.nameEn : assignment.campaign.nameVi,
            unit: language === 'en' ? assignment.unit.nameEn : assignment.unit.nameVi,
          })}
        </strong>{' '}
        <button type="button" className="button button--small" onClick={onChange}>
          {t('tablet.changeAssignment')}
        </button>
      </p>
      {saved ? (
        <p role="status" className="notice">
          {t('tablet.saved', { count: queuedCount })}
        </p>
      ) : null}
      <RatingForm
        key={formKey}
        questions={assignment.questions}
        submitting={saving}
        submitLabel={t('tablet.saveResponse')}
        onSubmit={(body) => void save(body)}
        failure={failure ? <ErrorNotice error={failure} /> : null}
        validateBefore={() => [
          ...(procedure ? [] : [t('tablet.procedureMissing')]),
          ...(/^\d{4}-\d{2}-\d{2}$/.test(serviceDate) ? [] : [t('tablet.serviceDateMissing')]),
        ]}
        before={
          <div className="form">
            <div className="field">
              <label htmlFor={`${id}-procedure`}>{t('tablet.procedure')}</label>
              <select
                id={`${id}-procedure`}
                className="tablet-select"
                value={procedureId}
                onChange={(e) => {
                  setProcedureId(e.target.value);
                  setSaved(false);
                }}
              >
                <option value="">{t('tablet.chooseProcedure')}</option>
                {assignment.procedures.map((p) => (
                  <option key={p.id} value={p.id}>
                    {labelIn(language, p)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field--date">
              <label htmlFor={`${id}-date`}>{t('tablet.serviceDate')}</label>
              <input id={`${id}-date`} type="date" value={serviceDate} onChange={(e) => setServiceDate(e.target.value)} />
            </div>
          </div>
        }
      />
    </section>
  );
}

const STOP_MESSAGE = {
  offline: 'tablet.syncOffline',
  'signed-out': 'tablet.syncSignedOut',
  device: 'tablet.syncDevice',
  server: 'tablet.syncServer',
} as const;

function QueueSection(props: {
  entries: QueuedResponse[] | null;
  syncing: boolean;
  report: SyncReport | null;
  canSend: boolean;
  needsSignIn: boolean;
  needsDevice: boolean;
  onSync(): void;
  onClearSent(): void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const entries = props.entries ?? [];
  const counts = countsOf(entries);
  const report = props.report;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tablet.queue')}</h2>
      <ul className="chips" aria-label={t('tablet.queue')}>
        <li className="chip chip--queued">{t('tablet.queued', { count: counts.queued })}</li>
        <li className="chip chip--sent">{t('tablet.sent', { count: counts.sent })}</li>
        <li className="chip chip--refused">{t('tablet.refused', { count: counts.refused })}</li>
      </ul>
      <p role="status" className="queue-report">
        {props.syncing
          ? t('tablet.syncing')
          : report
            ? report.stopped
              ? t(STOP_MESSAGE[report.stopped])
              : t('tablet.syncDone', { accepted: report.accepted, duplicates: report.duplicates, refused: report.refused })
            : null}
      </p>
      {props.needsDevice ? <p>{t('tablet.needsDevice')}</p> : null}
      {props.needsSignIn && counts.queued > 0 ? <p>{t('tablet.signInToPrepare')}</p> : null}
      <div className="queue-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!props.canSend || props.syncing || counts.queued === 0}
          onClick={props.onSync}
        >
          {props.syncing ? t('tablet.syncing') : t('tablet.syncNow')}
        </button>
        {counts.sent > 0 ? (
          <button type="button" className="button" onClick={props.onClearSent}>
            {t('tablet.clearSent')}
          </button>
        ) : null}
      </div>
      {entries.length === 0 ? (
        <p>{t('tablet.emptyQueue')}</p>
      ) : (
        <ol className="queue-list" reversed>
          {[...entries].reverse().map((e) => (
            <li key={e.tabletResponseId} className={`queue-entry queue-entry--${e.status}`}>
              <span className="queue-entry__status">
                {e.status === 'queued'
                  ? t('tablet.statusQueued')
                  : e.status === 'refused'
                    ? t('tablet.statusRefused')
                    : e.duplicate
                      ? t('tablet.statusDuplicate')
                      : t('tablet.statusSent')}
              </span>{' '}
              <span>
                {e.procedureName} — {e.unitName}
              </span>{' '}
              <span className="queue-entry__time">
                {t('tablet.queuedAt', { time: formatInstant(new Date(e.queuedAt).toISOString(), i18n.language) })}
              </span>
              {e.errors && e.errors.length > 0 ? (
                <ul className="queue-entry__errors">
                  {e.errors.map((error, i) => (
                    <li key={i}>
                      <code>{error.field}</code>:{' '}
                      {(i18n.language === 'vi' ? (error.reasonVi ?? error.messageVi) : undefined) ?? error.reason ?? error.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import type { Channel, UnitType } from '@hailong/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../api/directory';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { formatLocalDate, todayInVietnam } from '../dates';
import '../dashboard/dashboard.css';
import { Campaign, intakeApi, NewCampaign } from './intake-api';
import { fieldErrorsOf } from './rating-keys';
import './staff.css';

const CHANNELS: Channel[] = ['paper', 'tablet', 'counter', 'portal'];
const UNIT_TYPES: UnitType[] = ['commune-police', 'district-police', 'provincial-division', 'provincial-police'];
const FIELDS = [
  'nameVi',
  'nameEn',
  'period.from',
  'period.to',
  'period',
  'scope',
  'scope.unitTypes',
  'methods',
  'targetSample.perUnit',
  'minimumSample',
];

/** Campaign managers draft a campaign, open it, and close it when it ends. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const language = i18n.language;
  usePageTitle(t('staff.campaigns.title'));
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);

  const campaigns = useQuery({ queryKey: ['intake', 'campaigns'], queryFn: ({ signal }) => intakeApi.campaigns(accessToken, signal) });
  const nameOf = (c: Pick<Campaign, 'nameVi' | 'nameEn'>) => (language === 'en' ? c.nameEn : c.nameVi);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['intake', 'campaigns'] });

  const transition = useMutation({
    mutationFn: ({ campaign, to }: { campaign: Campaign; to: 'open' | 'close' }) =>
      to === 'open' ? intakeApi.openCampaign(accessToken, campaign.campaignId) : intakeApi.closeCampaign(accessToken, campaign.campaignId),
    onSuccess: (_reply, { campaign, to }) => {
      setMessage(t(to === 'open' ? 'staff.campaigns.opened' : 'staff.campaigns.closed', { name: nameOf(campaign) }));
      void refresh();
    },
  });

  return (
    <>
      <h1 className="page-title">{t('staff.campaigns.title')}</h1>
      <p className="lead">{t('staff.campaigns.intro')}</p>
      <div role="status">{message ? <p className="notice">{message}</p> : null}</div>
      <section className="panel" aria-labelledby="campaign-list">
        <h2 id="campaign-list">{t('staff.campaigns.list')}</h2>
        <QueryStatus query={campaigns} />
        {campaigns.data && campaigns.data.campaigns.length === 0 ? <p>{t('staff.campaigns.empty')}</p> : null}
        {campaigns.data && campaigns.data.campaigns.length > 0 ? (
          <div className="table-scroll">
            <table className="figures-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.campaigns.name')}</th>
                  <th scope="col">{t('staff.campaigns.period')}</th>
                  <th scope="col">{t('staff.campaigns.methods')}</th>
                  <th scope="col">{t('staff.campaigns.status')}</th>
                  <th scope="col">{t('staff.campaigns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.data.campaigns.map((c) => (
                  <tr key={c.campaignId}>
                    <th scope="row">{nameOf(c)}</th>
                    <td>
                      {formatLocalDate(c.period.from, language)} – {formatLocalDate(c.period.to, language)}
                    </td>
                    <td>{c.methods.map((m) => t(`staff.campaigns.channels.${m}`)).join(', ')}</td>
                    <td>
                      <span className={`status-badge status-badge--${c.status}`}>{t(`staff.campaigns.statuses.${c.status}`)}</span>
                    </td>
                    <td>
                      {c.status === 'draft' ? (
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('staff.campaigns.open', { name: nameOf(c) })}
                          disabled={transition.isPending}
                          onClick={() => transition.mutate({ campaign: c, to: 'open' })}
                        >
                          {t('staff.campaigns.openShort')}
                        </button>
                      ) : null}
                      {c.status === 'open' ? (
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('staff.campaigns.close', { name: nameOf(c) })}
                          disabled={transition.isPending}
                          onClick={() => {
                            if (window.confirm(t('staff.campaigns.confirmClose', { name: nameOf(c) })))
                              transition.mutate({ campaign: c, to: 'close' });
                          }}
                        >
                          {t('staff.campaigns.closeShort')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {transition.error ? <ErrorNotice error={transition.error} /> : null}
      </section>
      <NewCampaignForm
        onCreated={(c) => {
          setMessage(t('staff.campaigns.created', { name: nameOf(c) }));
          void refresh();
        }}
      />
    </>
  );
}

function NewCampaignForm({ onCreated }: { onCreated: (campaign: Campaign) => void }) {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const language = i18n.language;
  const ids = useId();
  const today = todayInVietnam();
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [unitTypes, setUnitTypes] = useState<UnitType[]>(['commune-police']);
  const [withinUnitId, setWithinUnitId] = useState('');
  const [methods, setMethods] = useState<Channel[]>(['paper']);
  const [perUnit, setPerUnit] = useState('30');
  const [minimumSample, setMinimumSample] = useState('30');
  const [campaignId, setCampaignId] = useState(() => crypto.randomUUID());

  const tree = useQuery({ queryKey: ['directory', 'tree', from], queryFn: ({ signal }) => directoryApi.tree(accessToken, from, signal) });
  const parents = (tree.data?.roots ?? []).flatMap((root) => [root, ...root.children.filter((c) => c.children.length > 0)]);

  const create = useMutation({
    mutationFn: (campaign: NewCampaign) => intakeApi.createCampaign(accessToken, campaign),
    onSuccess: (created) => {
      onCreated(created);
      setCampaignId(crypto.randomUUID());
      setNameVi('');
      setNameEn('');
    },
  });
  const errors = create.error instanceof ApiError && create.error.status < 500 ? fieldErrorsOf(create.error.body, language, FIELDS) : null;
  const errorOf = (...fields: string[]) => fields.map((f) => errors?.fields[f]).find(Boolean);
  const error = (id: string, ...fields: string[]) => {
    const text = errorOf(...fields);
    return text ? (
      <p id={`${ids}-${id}-error`} className="field__error">
        {text}
      </p>
    ) : null;
  };
  const aria = (id: string, ...fields: string[]) =>
    errorOf(...fields) ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${id}-error` } : { 'aria-invalid': undefined };
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      campaignId,
      nameVi: nameVi.trim(),
      nameEn: nameEn.trim(),
      period: { from, to },
      scope: withinUnitId ? { unitTypes, withinUnitId } : { unitTypes },
      methods,
      targetSample: { perUnit: Number(perUnit) },
      minimumSample: Number(minimumSample),
    });
  };

  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('staff.campaigns.create')}</h2>
      <form className="form campaign-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-vi`}>{t('staff.campaigns.nameVi')}</label>
          <input id={`${ids}-vi`} value={nameVi} onChange={(e) => setNameVi(e.target.value)} {...aria('vi', 'nameVi')} />
          {error('vi', 'nameVi')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-en`}>{t('staff.campaigns.nameEn')}</label>
          <input id={`${ids}-en`} value={nameEn} onChange={(e) => setNameEn(e.target.value)} {...aria('en', 'nameEn')} />
          {error('en', 'nameEn')}
        </div>
        <div className="field field--date">
          <label htmlFor={`${ids}-from`}>{t('staff.campaigns.from')}</label>
          <input
            id={`${ids}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            {...aria('from', 'period.from', 'period')}
          />
          {error('from', 'period.from', 'period')}
        </div>
        <div className="field field--date">
          <label htmlFor={`${ids}-to`}>{t('staff.campaigns.to')}</label>
          <input id={`${ids}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} {...aria('to', 'period.to')} />
          {error('to', 'period.to')}
        </div>
        <fieldset>
          <legend>{t('staff.campaigns.scope')}</legend>
          {UNIT_TYPES.map((type) => (
            <label key={type} className="field--check">
              <input type="checkbox" checked={unitTypes.includes(type)} onChange={() => setUnitTypes(toggle(unitTypes, type))} />
              {t(`unitTypes.${type}`)}
            </label>
          ))}
          {error('scope', 'scope', 'scope.unitTypes')}
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-within`}>{t('staff.campaigns.within')}</label>
          <select id={`${ids}-within`} value={withinUnitId} onChange={(e) => setWithinUnitId(e.target.value)}>
            <option value="">{t('staff.campaigns.withinAll')}</option>
            {parents.map((p) => (
              <option key={p.unitId} value={p.unitId}>
                {language === 'en' ? p.nameEn : p.nameVi}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('staff.campaigns.methods')}</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} className="field--check">
              <input type="checkbox" checked={methods.includes(channel)} onChange={() => setMethods(toggle(methods, channel))} />
              {t(`staff.campaigns.channels.${channel}`)}
            </label>
          ))}
          {error('methods', 'methods')}
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-target`}>{t('staff.campaigns.target')}</label>
          <input
            id={`${ids}-target`}
            inputMode="numeric"
            value={perUnit}
            onChange={(e) => setPerUnit(e.target.value)}
            {...aria('target', 'targetSample.perUnit')}
          />
          {error('target', 'targetSample.perUnit')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-minimum`}>{t('staff.campaigns.minimumSample')}</label>
          <input
            id={`${ids}-minimum`}
            inputMode="numeric"
            value={minimumSample}
            onChange={(e) => setMinimumSample(e.target.value)}
            {...aria('minimum', 'minimumSample')}
          />
          {error('minimum', 'minimumSample')}
        </div>
        {errors && (errors.other.length > 0 || Object.keys(errors.fields).length === 0) ? (
          <div className="notice notice--error" role="alert">
            {errors.other.length > 0 ? (
              errors.other.map((o) => <p key={o}>{o}</p>)
            ) : (
              <p>{(create.error as ApiError).messageIn(language)}</p>
            )}
          </div>
        ) : null}
        {create.error && !errors ? <ErrorNotice error={create.error} /> : null}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t('staff.campaigns.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

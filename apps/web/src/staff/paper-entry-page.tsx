import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../api/directory';
import { ApiError } from '../api/http';
import { ErrorNotice } from '../app/error-notice';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { isLocalDate, todayInVietnam } from '../dates';
import '../dashboard/dashboard.css';
import { Accepted, intakeApi } from './intake-api';
import { extrasBody, NO_EXTRAS, PaperExtras } from './paper-extras-model';
import { PaperExtrasSection } from './paper-extras';
import { actionOfKey, answersOf, applyKey, FieldErrors, fieldErrorsOf, KeyingState, startKeying, unkeyed } from './rating-keys';
import { defaultServiceDate, proceduresFor, unitsInScope } from './staff-units';
import './staff.css';

const FORM_FIELDS = ['campaignId', 'unitId', 'procedureId', 'serviceDate'];
const NO_ERRORS: FieldErrors = { fields: {}, items: {}, other: [] };

/**
 * Keying paper forms as fast as the hands move: the form's campaign, unit, procedure and date stay from
 * one form to the next; the 16 ratings take one keystroke each, and Enter sends. Each form carries its own
 * idempotency key, kept until it is accepted, so sending again after a lost answer never counts it twice.
 * The form's back (expectations, the respondent's profile, comments) is optional and keyed by choice.
 */
export function PaperEntryPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const language = i18n.language;
  usePageTitle(t('staff.paper.title'));
  const ids = useId();

  const campaigns = useQuery({ queryKey: ['intake', 'campaigns'], queryFn: ({ signal }) => intakeApi.campaigns(accessToken, signal) });
  const open = (campaigns.data?.campaigns ?? []).filter((c) => c.status === 'open' && c.methods.includes('paper'));
  const [campaignId, setCampaignId] = useState('');
  const campaign = open.find((c) => c.campaignId === campaignId) ?? open[0] ?? null;
  const [serviceDate, setServiceDate] = useState('');
  const date = isLocalDate(serviceDate) ? serviceDate : campaign ? defaultServiceDate(campaign.period, todayInVietnam()) : todayInVietnam();
  const [unitId, setUnitId] = useState('');
  const [procedureId, setProcedureId] = useState('');

  const questionnaire = useQuery({
    queryKey: ['intake', 'questionnaire', campaign?.questionnaire.questionnaireId, campaign?.questionnaire.version],
    queryFn: ({ signal }) =>
      intakeApi.questionnaire(accessToken, campaign?.questionnaire.questionnaireId ?? '', campaign?.questionnaire.version ?? 1, signal),
    enabled: campaign !== null,
    staleTime: Infinity,
  });
  const tree = useQuery({
    queryKey: ['directory', 'tree', date],
    queryFn: ({ signal }) => directoryApi.tree(accessToken, date, signal),
    enabled: campaign !== null,
  });
  const units = useMemo(
    () => (campaign && tree.data ? unitsInScope(tree.data.roots, campaign.scope, language) : []),
    [campaign, tree.data, language],
  );
  const unit = units.find((u) => u.unitId === unitId) ?? null;
  const content = questionnaire.data?.content ?? null;
  const procedures = content && unit ? proceduresFor(content, unit, language) : [];
  const items = useMemo(() => content?.factors.flatMap((f) => f.items) ?? [], [content]);

  const [keying, setKeying] = useState<KeyingState>(() => startKeying(0));
  useEffect(() => setKeying(startKeying(items.length)), [items.length]);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const submitButton = useRef<HTMLButtonElement | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [missing, setMissing] = useState<number[]>([]);
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const [count, setCount] = useState(0);
  const [extras, setExtras] = useState<PaperExtras>(NO_EXTRAS);

  const focusAt = (index: number) => {
    if (index >= items.length) submitButton.current?.focus();
    else inputs.current[index]?.focus();
  };
  const press = (at: number, key: string): boolean => {
    const action = actionOfKey(key);
    if (!action) return false;
    const next = applyKey(keying, at, action);
    setKeying(next);
    if (action.kind === 'set') setErrors((e) => ({ ...e, items: { ...e.items, [at]: '' } }));
    focusAt(next.focus);
    return true;
  };

  const submit = useMutation({
    mutationFn: () =>
      intakeApi.submitPaperForm(accessToken, {
        idempotencyKey,
        campaignId: campaign?.campaignId ?? '',
        unitId,
        procedureId,
        serviceDate: date,
        channel: 'paper',
        answers: answersOf(
          items.map((i) => i.id),
          keying.ratings,
        ),
        ...(content ? extrasBody(extras, content) : {}),
      }),
    onSuccess: (reply) => {
      setAccepted(reply);
      setCount((n) => n + 1);
      setErrors(NO_ERRORS);
      setIdempotencyKey(crypto.randomUUID());
      setKeying(startKeying(items.length));
      setExtras(NO_EXTRAS);
      inputs.current[0]?.focus();
    },
    onError: (error) => {
      setAccepted(null);
      if (error instanceof ApiError && error.status < 500) setErrors(fieldErrorsOf(error.body, language, FORM_FIELDS));
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!unitId) local['unitId'] = t('staff.paper.required');
    if (!procedureId) local['procedureId'] = t('staff.paper.required');
    const notKeyed = unkeyed(keying.ratings);
    setMissing(notKeyed);
    if (Object.keys(local).length > 0 || notKeyed.length > 0) {
      setErrors({ ...NO_ERRORS, fields: local });
      if (notKeyed.length > 0) focusAt(notKeyed[0]);
      return;
    }
    submit.mutate();
  };

  const fieldError = (field: string) =>
    errors.fields[field] ? (
      <p id={`${ids}-${field}-error`} className="field__error">
        {errors.fields[field]}
      </p>
    ) : null;
  const describedBy = (field: string) => (errors.fields[field] ? `${ids}-${field}-error` : undefined);
  const done = keying.ratings.filter((r) => r !== undefined).length;
  const refused = submit.error instanceof ApiError && submit.error.status < 500;

  return (
    <>
      <h1 className="page-title">{t('staff.paper.title')}</h1>
      <p className="lead">{t('staff.paper.intro')}</p>
      <QueryStatus query={campaigns} />
      {campaigns.data && open.length === 0 ? <p className="notice">{t('staff.paper.noOpenCampaign')}</p> : null}
      {campaign ? (
        <form className="form paper-form" onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-title`}>
          <fieldset className="panel paper-form__context">
            <legend id={`${ids}-title`}>{t('staff.paper.form')}</legend>
            <div className="field">
              <label htmlFor={`${ids}-campaign`}>{t('staff.paper.campaign')}</label>
              <select id={`${ids}-campaign`} value={campaign.campaignId} onChange={(e) => setCampaignId(e.target.value)}>
                {open.map((c) => (
                  <option key={c.campaignId} value={c.campaignId}>
                    {language === 'en' ? c.nameEn : c.nameVi}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field--date">
              <label htmlFor={`${ids}-date`}>{t('staff.paper.serviceDate')}</label>
              <input
                id={`${ids}-date`}
                type="date"
                value={date}
                min={campaign.period.from}
                max={campaign.period.to}
                aria-describedby={describedBy('serviceDate')}
                aria-invalid={!!errors.fields['serviceDate'] || undefined}
                onChange={(e) => setServiceDate(e.target.value)}
              />
              {fieldError('serviceDate')}
            </div>
            <div className="field">
              <label htmlFor={`${ids}-unit`}>{t('staff.paper.unit')}</label>
              <select
                id={`${ids}-unit`}
                value={unitId}
                aria-describedby={describedBy('unitId')}
                aria-invalid={!!errors.fields['unitId'] || undefined}
                onChange={(e) => {
                  setUnitId(e.target.value);
                  setProcedureId('');
                }}
              >
                <option value="">{t('staff.paper.chooseUnit')}</option>
                {units.map((u) => (
                  <option key={u.unitId} value={u.unitId}>
                    {u.parentName ? `${u.name} — ${u.parentName}` : u.name}
                  </option>
                ))}
              </select>
              {fieldError('unitId')}
            </div>
            <div className="field">
              <label htmlFor={`${ids}-procedure`}>{t('staff.paper.procedure')}</label>
              <select
                id={`${ids}-procedure`}
                value={procedureId}
                aria-describedby={describedBy('procedureId')}
                aria-invalid={!!errors.fields['procedureId'] || undefined}
                onChange={(e) => setProcedureId(e.target.value)}
              >
                <option value="">{t('staff.paper.chooseProcedure')}</option>
                {procedures.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              {fieldError('procedureId')}
            </div>
          </fieldset>

          <fieldset className="panel ratings">
            <legend>{t('staff.paper.ratings')}</legend>
            <p className="ratings__progress" aria-live="polite">
              {t('staff.paper.keyed', { done, total: items.length })}
            </p>
            <ol className="ratings__list">
              {items.map((item, i) => {
                const rating = keying.ratings[i];
                const error = errors.items[i];
                return (
                  <li key={item.id} className={error ? 'rating rating--error' : 'rating'}>
                    <label htmlFor={`${ids}-r${i}`} className="rating__label">
                      {t('staff.paper.ratingLabel', { id: item.id, text: language === 'en' ? item.en : item.vi })}
                    </label>
                    <input
                      id={`${ids}-r${i}`}
                      ref={(el) => {
                        inputs.current[i] = el;
                      }}
                      className="rating__input"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={1}
                      value={rating === undefined ? '' : rating === null ? '0' : String(rating)}
                      aria-describedby={error ? `${ids}-r${i}-error` : undefined}
                      aria-invalid={!!error || missing.includes(i) || undefined}
                      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
                        if (e.ctrlKey || e.metaKey || e.altKey) return;
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          submitButton.current?.click();
                          return;
                        }
                        if (press(i, e.key)) e.preventDefault();
                        else if (e.key.length === 1) e.preventDefault(); // nothing but the keys above goes in
                      }}
                      onChange={(e) => {
                        // Touch keyboards send no usable key events: the typed character arrives here.
                        const typed = e.target.value.slice(-1);
                        if (typed) press(i, typed);
                      }}
                    />
                    <span className="rating__meaning" aria-hidden="true">
                      {rating === null ? t('staff.paper.blank') : ''}
                    </span>
                    {error ? (
                      <p id={`${ids}-r${i}-error`} className="field__error">
                        {error}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </fieldset>

          {content ? <PaperExtrasSection content={content} value={extras} onChange={setExtras} /> : null}

          {missing.length > 0 && unkeyed(keying.ratings).length > 0 ? (
            <p className="notice notice--error" role="alert">
              {t('staff.paper.missing', {
                count: unkeyed(keying.ratings).length,
                items: unkeyed(keying.ratings)
                  .map((i) => items[i]?.id)
                  .join(', '),
              })}
            </p>
          ) : null}
          {refused ? (
            <div className="notice notice--error" role="alert">
              <p>{t('staff.paper.refused')}</p>
              {errors.other.length > 0 ? (
                <ul>
                  {errors.other.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              ) : null}
              {Object.keys(errors.fields).length === 0 && Object.keys(errors.items).length === 0 && errors.other.length === 0 ? (
                <p>{submit.error instanceof ApiError ? submit.error.messageIn(language) : null}</p>
              ) : null}
            </div>
          ) : null}
          {submit.error && !refused ? <ErrorNotice error={submit.error} /> : null}

          <div className="paper-form__actions">
            <button ref={submitButton} type="submit" className="button button--primary" disabled={submit.isPending}>
              {submit.isPending ? t('staff.paper.submitting') : t('staff.paper.submit')}
            </button>
          </div>
          <div role="status" className="paper-form__status">
            {accepted ? (
              <p className="notice">
                {t(accepted.late ? 'staff.paper.acceptedLate' : 'staff.paper.accepted', { id: accepted.responseId })}
              </p>
            ) : null}
            {count > 0 ? <p>{t('staff.paper.count', { count })}</p> : null}
          </div>
        </form>
      ) : null}
    </>
  );
}

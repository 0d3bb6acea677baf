import { FormEvent, ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './citizen.css';
import {
  answeredCount,
  EMPTY_FORM,
  FormProblem,
  labelIn,
  problemsOf,
  RatingBody,
  RatingFormState,
  RatingQuestions,
  toRatingBody,
} from './rating-form-model';

interface RatingFormProps {
  readonly questions: RatingQuestions;
  readonly submitting: boolean;
  /** The answers, free text and (with consent) contact details, ready for the API. */
  onSubmit(body: RatingBody): void;
  /** Fields of the visit that come before the questions (the tablet's procedure and date). */
  readonly before?: ReactNode;
  /** A refusal or failure of the last attempt, shown above the button. */
  readonly failure?: ReactNode;
  readonly submitLabel?: string;
  /** Extra problems of the `before` fields, checked with the form's own. */
  validateBefore?(): string[];
}

/**
 * The short satisfaction form shared by the counter's citizen form and the working groups' tablets:
 * one fieldset per factor, one radio group per item (its legend is the question, so a screen reader
 * reads it with each level), free text, then the consent notice and only after it the contact details.
 */
/** Focus the field itself, or the first control inside a group. */
function focusField(elementId: string) {
  const element = document.getElementById(elementId);
  const control = element?.matches('input, textarea, select') ? element : element?.querySelector<HTMLElement>('input, textarea, select');
  (control ?? element)?.focus();
}

export function RatingForm({ questions, submitting, onSubmit, before, failure, submitLabel, validateBefore }: RatingFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const [state, setState] = useState<RatingFormState>(EMPTY_FORM);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [beforeProblems, setBeforeProblems] = useState<string[]>([]);
  const startedAt = useRef(new Date());
  const summary = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<RatingFormState>) => setState((s) => ({ ...s, ...patch }));
  const total = questions.factors.reduce((n, f) => n + f.items.length, 0);
  const fieldId = (field: string) => `${id}-${field}`;
  const has = (field: FormProblem['field']) => problems.some((p) => p.field === field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(state, questions);
    const foundBefore = validateBefore?.() ?? [];
    setProblems(found);
    setBeforeProblems(foundBefore);
    if (found.length > 0 || foundBefore.length > 0) {
      // Next frame: the summary exists once React has rendered it.
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    onSubmit(toRatingBody(state, questions, startedAt.current, new Date()));
  };

  return (
    <form className="rating-form" onSubmit={submit} noValidate>
      {before}
      {questions.factors.map((factor) => (
        <fieldset key={factor.id} className="rating-factor">
          <legend className="rating-factor__legend">{labelIn(language, factor)}</legend>
          {factor.items.map((item) => (
            <fieldset key={item.id} className="rating-item" id={fieldId(`item-${item.id}`)}>
              <legend className="rating-item__question">{labelIn(language, item)}</legend>
              <div className="rating-scale">
                {questions.ratingScale.map((level) => (
                  <label key={level.level} className="rating-level">
                    <input
                      type="radio"
                      name={`${id}-${item.id}`}
                      value={level.level}
                      checked={state.levels[item.id] === level.level}
                      onChange={() => set({ levels: { ...state.levels, [item.id]: level.level } })}
                    />
                    <span className="rating-level__number" aria-hidden="true">
                      {level.level}
                    </span>
                    <span className="rating-level__text">{labelIn(language, level)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
      ))}
      <p className="rating-form__progress" aria-live="polite" id={fieldId('answers')}>
        {t('citizen.answered', { answered: answeredCount(state, questions), total })}
      </p>

      <div className="field">
        <label htmlFor={fieldId('free-text')}>{t('citizen.freeText')}</label>
        <p className="field__hint" id={fieldId('free-text-hint')}>
          {t('citizen.freeTextHint')}
        </p>
        <textarea
          id={fieldId('free-text')}
          className="rating-form__text"
          rows={3}
          maxLength={2000}
          aria-describedby={fieldId('free-text-hint')}
          value={state.freeText}
          onChange={(e) => set({ freeText: e.target.value })}
        />
      </div>

      <fieldset className="rating-contact" id={fieldId('contact')}>
        <legend className="rating-factor__legend">{t('citizen.contactTitle')}</legend>
        <p className="rating-contact__notice" id={fieldId('consent-notice')}>
          {t('citizen.consentNotice')}
        </p>
        <div className="field field--check">
          <input
            id={fieldId('consent')}
            type="checkbox"
            checked={state.consent}
            aria-describedby={fieldId('consent-notice')}
            onChange={(e) => set({ consent: e.target.checked })}
          />
          <label htmlFor={fieldId('consent')}>{t('citizen.consent')}</label>
        </div>
        {state.consent ? (
          <div className="rating-contact__fields">
            <div className="field">
              <label htmlFor={fieldId('name')}>{t('citizen.name')}</label>
              <input
                id={fieldId('name')}
                type="text"
                autoComplete="name"
                value={state.name}
                onChange={(e) => set({ name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={fieldId('phone')}>{t('citizen.phone')}</label>
              <input
                id={fieldId('phone')}
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                aria-invalid={has('phone') || has('contact')}
                value={state.phone}
                onChange={(e) => set({ phone: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={fieldId('email')}>{t('citizen.email')}</label>
              <input
                id={fieldId('email')}
                type="email"
                autoComplete="email"
                aria-invalid={has('email') || has('contact')}
                value={state.email}
                onChange={(e) => set({ email: e.target.value })}
              />
            </div>
          </div>
        ) : null}
      </fieldset>

      {problems.length > 0 || beforeProblems.length > 0 ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('citizen.problems')}</p>
          <ul>
            {beforeProblems.map((text) => (
              <li key={text}>{text}</li>
            ))}
            {problems.map((p) => (
              <li key={p.message}>
                {/* A button, not a #link: the counter page's address keeps its token in the fragment. */}
                <button type="button" className="link-button" onClick={() => focusField(fieldId(p.field))}>
                  {t(`citizen.${p.message}`)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure}
      <button type="submit" className="button button--primary rating-form__submit" disabled={submitting}>
        {submitting ? t('citizen.submitting') : (submitLabel ?? t('citizen.submit'))}
      </button>
    </form>
  );
}

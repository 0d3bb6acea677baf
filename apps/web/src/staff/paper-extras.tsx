import type { QuestionnaireContent } from '@hailong/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { answeredExtras, PaperExtras } from './paper-extras-model';

interface PaperExtrasProps {
  readonly content: Pick<QuestionnaireContent, 'expectationScale' | 'expectations' | 'profile'>;
  readonly value: PaperExtras;
  onChange(value: PaperExtras): void;
}

/**
 * The optional back of a paper survey form: one choice per expectation on the questionnaire's scale,
 * one per profile question, and the free text. Closed until opened, so keying the ratings alone stays
 * one keystroke a question; each choice starts with its level, so typing the digit picks it.
 */
export function PaperExtrasSection({ content, value, onChange }: PaperExtrasProps) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const text = (labelled: { vi: string; en: string }) => (i18n.language === 'en' ? labelled.en : labelled.vi);
  const answered = answeredExtras(value);
  const freeText = (
    <div className="field">
      <label htmlFor={`${ids}-free`}>{t('staff.paper.freeText')}</label>
      <p className="field__hint">{t('staff.paper.freeTextHint')}</p>
      <textarea
        id={`${ids}-free`}
        rows={3}
        maxLength={2000}
        value={value.freeText}
        onChange={(e) => onChange({ ...value, freeText: e.target.value })}
      />
    </div>
  );
  // A form with nothing on its back but room for comments.
  if (content.expectations.length === 0 && content.profile.length === 0) return <div className="panel">{freeText}</div>;
  return (
    <details className="panel paper-extras" open={answered > 0 || undefined}>
      <summary>{t('staff.paper.extras', { count: answered })}</summary>
      {content.expectations.length > 0 ? (
        <fieldset className="paper-extras__group">
          <legend>{t('staff.paper.expectations')}</legend>
          {content.expectations.map((expectation) => (
            <div className="field" key={expectation.id}>
              <label htmlFor={`${ids}-x-${expectation.id}`}>
                {t('staff.paper.ratingLabel', { id: expectation.id, text: text(expectation) })}
              </label>
              <select
                id={`${ids}-x-${expectation.id}`}
                value={String(value.expectations[expectation.id] ?? '')}
                onChange={(e) =>
                  onChange({
                    ...value,
                    expectations: { ...value.expectations, [expectation.id]: e.target.value === '' ? '' : Number(e.target.value) },
                  })
                }
              >
                <option value="">{t('staff.paper.notAnswered')}</option>
                {content.expectationScale.map((level) => (
                  <option key={level.level} value={level.level}>
                    {`${level.level} — ${text(level)}`}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}
      {content.profile.length > 0 ? (
        <fieldset className="paper-extras__group">
          <legend>{t('staff.paper.profile')}</legend>
          {content.profile.map((question) => (
            <div className="field" key={question.id}>
              <label htmlFor={`${ids}-p-${question.id}`}>{text(question)}</label>
              <select
                id={`${ids}-p-${question.id}`}
                value={value.profile[question.id] ?? ''}
                onChange={(e) => onChange({ ...value, profile: { ...value.profile, [question.id]: e.target.value } })}
              >
                <option value="">{t('staff.paper.notAnswered')}</option>
                {question.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {text(option)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}
      {freeText}
    </details>
  );
}

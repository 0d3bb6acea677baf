import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question, RecollectedAnswer } from './reinspection-api';

/** A question's level as keyed: 1–5, 'blank' when the respondent leaves it unanswered now, '' while not asked. */
export type RecollectedLevel = number | 'blank' | '';

/** What the audit takes: the questions asked again, in the questionnaire's order (at least one). */
export function recollectedAnswers(
  questions: readonly Question[],
  levels: Readonly<Record<string, RecollectedLevel>>,
): RecollectedAnswer[] {
  return questions.flatMap((q) => {
    const level = levels[q.itemId];
    if (level === undefined || level === '') return [];
    return [{ itemId: q.itemId, level: level === 'blank' ? null : level }];
  });
}

interface Props {
  readonly questions: readonly Question[];
  readonly levels: Readonly<Record<string, RecollectedLevel>>;
  onChange(levels: Record<string, RecollectedLevel>): void;
}

/**
 * The answers a respondent gives again on a back-check, for the "answers differ" verdict: one choice per
 * question of the campaign's questionnaire (1–5, or left blank), only those asked again are sent.
 */
export function RecollectedAnswersFields({ questions, levels, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  return (
    <fieldset className="recollected">
      <legend>{t('reinspection.recollected')}</legend>
      <p className="field__hint">{t('reinspection.recollectedHint')}</p>
      <div className="recollected__grid">
        {questions.map((q) => (
          <div className="field" key={q.itemId}>
            <label htmlFor={`${ids}-${q.itemId}`}>{`${q.itemId}. ${i18n.language === 'en' ? q.en : q.vi}`}</label>
            <select
              id={`${ids}-${q.itemId}`}
              value={String(levels[q.itemId] ?? '')}
              onChange={(e) => {
                const value = e.target.value;
                onChange({ ...levels, [q.itemId]: value === '' || value === 'blank' ? value : Number(value) });
              }}
            >
              <option value="">{t('reinspection.notAsked')}</option>
              {[1, 2, 3, 4, 5].map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
              <option value="blank">{t('reinspection.leftBlank')}</option>
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

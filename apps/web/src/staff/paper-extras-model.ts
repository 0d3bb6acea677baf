import type { QuestionnaireContent } from '@hailong/contracts';

/**
 * The parts of a paper survey form after its ratings: how much each improvement matters (on the
 * questionnaire's expectation scale), the respondent's profile (closed options) and what they wrote.
 * All optional: a question left unanswered on paper is left unanswered here.
 */
export interface PaperExtras {
  /** Expectation id → level, or '' while not keyed. */
  readonly expectations: Readonly<Record<string, number | ''>>;
  /** Profile question id → option id, or '' while not chosen. */
  readonly profile: Readonly<Record<string, string>>;
  readonly freeText: string;
}

export const NO_EXTRAS: PaperExtras = { expectations: {}, profile: {}, freeText: '' };

/** What the intake API takes of them: only what was answered, and nothing at all when nothing was. */
export interface PaperExtrasBody {
  expectations?: { itemId: string; level: number }[];
  profile?: Record<string, string>;
  freeText?: string;
}

export function extrasBody(extras: PaperExtras, content: Pick<QuestionnaireContent, 'expectations' | 'profile'>): PaperExtrasBody {
  const body: PaperExtrasBody = {};
  const expectations = content.expectations.flatMap((e) => {
    const level = extras.expectations[e.id];
    return typeof level === 'number' ? [{ itemId: e.id, level }] : [];
  });
  if (expectations.length > 0) body.expectations = expectations;
  const profile = Object.fromEntries(
    content.profile.flatMap((question) => {
      const option = extras.profile[question.id];
      return option && question.options.some((o) => o.id === option) ? [[question.id, option]] : [];
    }),
  );
  if (Object.keys(profile).length > 0) body.profile = profile;
  const freeText = extras.freeText.trim();
  if (freeText) body.freeText = freeText;
  return body;
}

/** How many of the optional questions the form has answered, for the section's summary line. */
export function answeredExtras(extras: PaperExtras): number {
  return (
    Object.values(extras.expectations).filter((l) => l !== '').length +
    Object.values(extras.profile).filter((o) => o !== '').length +
    (extras.freeText.trim() ? 1 : 0)
  );
}

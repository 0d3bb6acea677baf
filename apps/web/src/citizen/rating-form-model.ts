/** The questions of a questionnaire version as the citizen and tablet forms show them (its labels in both languages). */
export interface Labelled {
  readonly vi: string;
  readonly en: string;
}

export interface ScaleLevel extends Labelled {
  readonly level: number;
}

export interface FormFactor extends Labelled {
  readonly id: string;
  readonly items: readonly (Labelled & { readonly id: string })[];
}

export interface RatingQuestions {
  readonly titleVi: string;
  readonly titleEn: string;
  readonly ratingScale: readonly ScaleLevel[];
  readonly factors: readonly FormFactor[];
}

/** What a person has filled in so far. */
export interface RatingFormState {
  /** Item id → the chosen level; an item not in it is unanswered. */
  readonly levels: Readonly<Record<string, number>>;
  readonly freeText: string;
  readonly consent: boolean;
  readonly name: string;
  readonly phone: string;
  readonly email: string;
}

export const EMPTY_FORM: RatingFormState = { levels: {}, freeText: '', consent: false, name: '', phone: '', email: '' };

/** The answers, contact and times the intake API takes (ResponseFormDto without the visit's own fields). */
export interface RatingBody {
  answers: { itemId: string; level: number | null }[];
  freeText?: string;
  contact?: { consent: true; name?: string; phone?: string; email?: string };
  form?: { startedAt: string; finishedAt: string };
}

/** A problem that stops the form from being sent: the field to focus and the message's key under `citizen.`. */
export interface FormProblem {
  readonly field: 'answers' | 'contact' | 'phone' | 'email';
  readonly message: 'nothingAnswered' | 'contactNeeded' | 'phoneInvalid' | 'emailInvalid';
}

export const itemIds = (questions: Pick<RatingQuestions, 'factors'>) => questions.factors.flatMap((f) => f.items.map((i) => i.id));

// The services check these again (IsPhoneNumber('VN'), IsEmail): the form only spares the person a round trip.
const VN_PHONE = /^(\+84|0084|0)[1-9]\d{8,9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const digits = (phone: string) => phone.replace(/[\s.()-]/g, '');

/** Every problem at once, in the order the fields appear. */
export function problemsOf(state: RatingFormState, questions: Pick<RatingQuestions, 'factors'>): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!itemIds(questions).some((id) => state.levels[id] !== undefined)) problems.push({ field: 'answers', message: 'nothingAnswered' });
  if (state.consent) {
    const phone = state.phone.trim();
    const email = state.email.trim();
    if (!phone && !email) problems.push({ field: 'contact', message: 'contactNeeded' });
    if (phone && !VN_PHONE.test(digits(phone))) problems.push({ field: 'phone', message: 'phoneInvalid' });
    if (email && !EMAIL.test(email)) problems.push({ field: 'email', message: 'emailInvalid' });
  }
  return problems;
}

/**
 * The body to send: every item in the questionnaire's order (null when skipped), the free text when
 * written, and contact details only with consent — without consent nothing typed there leaves the device.
 */
export function toRatingBody(
  state: RatingFormState,
  questions: Pick<RatingQuestions, 'factors'>,
  startedAt: Date,
  finishedAt: Date,
): RatingBody {
  const body: RatingBody = {
    answers: itemIds(questions).map((itemId) => ({ itemId, level: state.levels[itemId] ?? null })),
    form: { startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString() },
  };
  const freeText = state.freeText.trim();
  if (freeText) body.freeText = freeText;
  if (state.consent) {
    const contact: NonNullable<RatingBody['contact']> = { consent: true };
    if (state.name.trim()) contact.name = state.name.trim();
    if (state.phone.trim()) contact.phone = digits(state.phone.trim());
    if (state.email.trim()) contact.email = state.email.trim();
    body.contact = contact;
  }
  return body;
}

export const answeredCount = (state: RatingFormState, questions: Pick<RatingQuestions, 'factors'>) =>
  itemIds(questions).filter((id) => state.levels[id] !== undefined).length;

/** A label in the reader's language. */
export const labelIn = (language: string, l: Labelled) => (language === 'en' ? l.en : l.vi);

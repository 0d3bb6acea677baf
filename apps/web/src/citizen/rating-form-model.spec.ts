import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, problemsOf, toRatingBody } from './rating-form-model';
import { tokenFromHash } from './visit-api';

const questions = {
  factors: [
    {
      id: 'A',
      vi: 'Tiếp cận',
      en: 'Access',
      items: [
        { id: 'A1', vi: 'a1', en: 'a1' },
        { id: 'A2', vi: 'a2', en: 'a2' },
      ],
    },
    { id: 'B', vi: 'Thủ tục', en: 'Procedure', items: [{ id: 'B1', vi: 'b1', en: 'b1' }] },
  ],
};
const started = new Date('2026-11-28T02:00:00Z');
const finished = new Date('2026-11-28T02:01:10Z');

describe('the rating form’s rules', () => {
  it('needs at least one answer, as intake does', () => {
    expect(problemsOf(EMPTY_FORM, questions)).toEqual([{ field: 'answers', message: 'nothingAnswered' }]);
    expect(problemsOf({ ...EMPTY_FORM, levels: { B1: 2 } }, questions)).toEqual([]);
  });

  it('with consent, needs a phone or an email, each well formed', () => {
    const answered = { ...EMPTY_FORM, levels: { A1: 5 }, consent: true };
    expect(problemsOf(answered, questions)).toEqual([{ field: 'contact', message: 'contactNeeded' }]);
    expect(problemsOf({ ...answered, phone: '12345' }, questions)).toEqual([{ field: 'phone', message: 'phoneInvalid' }]);
    expect(problemsOf({ ...answered, email: 'ten@' }, questions)).toEqual([{ field: 'email', message: 'emailInvalid' }]);
    expect(problemsOf({ ...answered, phone: '0912 345 678' }, questions)).toEqual([]);
    expect(problemsOf({ ...answered, phone: '+84 912.345.678' }, questions)).toEqual([]);
    expect(problemsOf({ ...answered, email: 'ten@example.vn' }, questions)).toEqual([]);
  });

  it('sends every item in the questionnaire’s order, null when skipped, with the form’s times', () => {
    const body = toRatingBody({ ...EMPTY_FORM, levels: { B1: 2, A1: 5 } }, questions, started, finished);
    expect(body).toEqual({
      answers: [
        { itemId: 'A1', level: 5 },
        { itemId: 'A2', level: null },
        { itemId: 'B1', level: 2 },
      ],
      form: { startedAt: '2026-11-28T02:00:00.000Z', finishedAt: '2026-11-28T02:01:10.000Z' },
    });
  });

  it('sends contact details only with consent, and trimmed free text', () => {
    const typed = { ...EMPTY_FORM, levels: { A1: 4 }, name: ' Nguyễn Văn A ', phone: '0912 345 678', email: '', freeText: '  nhanh  ' };
    const without = toRatingBody(typed, questions, started, finished);
    expect(without.contact).toBeUndefined();
    expect(without.freeText).toBe('nhanh');
    expect(toRatingBody({ ...typed, consent: true }, questions, started, finished).contact).toEqual({
      consent: true,
      name: 'Nguyễn Văn A',
      phone: '0912345678',
    });
  });

  it('reads the visit token from the QR link’s fragment only when it is one', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
    expect(tokenFromHash(`#t=${token}`)).toBe(token);
    expect(tokenFromHash('#t=short')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { answeredExtras, extrasBody, NO_EXTRAS } from './paper-extras-model';
import { PAPER_BACK } from './paper-extras.fixture';

describe('extrasBody', () => {
  it('sends nothing for a form whose optional parts were left empty', () => {
    expect(extrasBody(NO_EXTRAS, PAPER_BACK)).toEqual({});
    expect(extrasBody({ expectations: { X1: '' }, profile: { ageGroup: '' }, freeText: '   ' }, PAPER_BACK)).toEqual({});
  });

  it('sends the answered expectations in the questionnaire’s order, the chosen profile options and the trimmed free text', () => {
    const body = extrasBody(
      { expectations: { X2: 4, X1: 1 }, profile: { respondentType: 'organisation' }, freeText: '  Nhanh hơn. ' },
      PAPER_BACK,
    );
    expect(body).toEqual({
      expectations: [
        { itemId: 'X1', level: 1 },
        { itemId: 'X2', level: 4 },
      ],
      profile: { respondentType: 'organisation' },
      freeText: 'Nhanh hơn.',
    });
  });

  it('drops answers to questions or options this questionnaire version does not have', () => {
    const body = extrasBody({ expectations: { X9: 2 }, profile: { respondentType: 'robot', region: 'north' }, freeText: '' }, PAPER_BACK);
    expect(body).toEqual({});
  });
});

describe('answeredExtras', () => {
  it('counts each answered expectation, chosen profile option and a non-blank free text once', () => {
    expect(answeredExtras(NO_EXTRAS)).toBe(0);
    expect(answeredExtras({ expectations: { X1: 3, X2: '' }, profile: { ageGroup: '35-49' }, freeText: 'x' })).toBe(3);
  });
});

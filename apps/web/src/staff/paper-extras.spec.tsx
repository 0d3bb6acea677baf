import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderScreen } from '../testing/render';
import { PaperExtrasSection } from './paper-extras';
import { extrasBody, NO_EXTRAS, PaperExtras } from './paper-extras-model';
import { PAPER_BACK } from './paper-extras.fixture';

/** The section as the paper form holds it, with what it would send shown beside it. */
function Harness() {
  const [extras, setExtras] = useState<PaperExtras>(NO_EXTRAS);
  return (
    <>
      <PaperExtrasSection content={PAPER_BACK} value={extras} onChange={setExtras} />
      <output data-testid="body">{JSON.stringify(extrasBody(extras, PAPER_BACK))}</output>
    </>
  );
}

describe('PaperExtrasSection', () => {
  it('offers each expectation on the questionnaire’s scale, each profile question and the free text, and counts what is answered', async () => {
    await renderScreen(<Harness />, { language: 'en' });
    expect(screen.getByText('Expectations, respondent and comments (optional) — 0 answered')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('X1. Shorter waits'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Respondent'), { target: { value: 'organisation' } });
    fireEvent.change(screen.getByLabelText('Comments written on the form'), { target: { value: 'Faster, please.' } });
    expect(screen.getByText('Expectations, respondent and comments (optional) — 3 answered')).toBeTruthy();
    expect(JSON.parse(screen.getByTestId('body').textContent ?? '')).toEqual({
      expectations: [{ itemId: 'X1', level: 2 }],
      profile: { respondentType: 'organisation' },
      freeText: 'Faster, please.',
    });
  });

  it('lets an answer be taken back to “not answered”, which sends nothing for it', async () => {
    await renderScreen(<Harness />, { language: 'en' });
    const select = screen.getByLabelText('X1. Shorter waits');
    fireEvent.change(select, { target: { value: '1' } });
    fireEvent.change(select, { target: { value: '' } });
    expect(JSON.parse(screen.getByTestId('body').textContent ?? '')).toEqual({});
  });
});

import { ResponseData } from '@hailong/contracts';
import { IntakeRuleViolation } from '../rule-violation';
import { CAMPAIGN, COMMUNE, OTHER_COMMUNE } from '../spec-fixtures';
import { decideResponse, evolveResponses, ResponseEvent, Responses, validResponsesByUnit } from './response-lifecycle';

const response = (responseId: string, unitId = COMMUNE): ResponseData => ({
  responseId,
  campaignId: CAMPAIGN,
  unitId,
  channel: 'paper',
  questionnaire: { questionnaireId: 'current', version: 1 },
  procedureId: 'id-card',
  serviceDate: '2022-04-12',
  collectedBy: { kind: 'surveyor', id: 's-1' },
  form: { startedAt: null, finishedAt: null },
  answers: [{ itemId: 'A1', level: 4 }],
  expectations: [],
  profileGroups: {},
  personal: null,
});
const R1 = '00000000-0000-4000-8000-000000000001';
const R2 = '00000000-0000-4000-8000-000000000002';
const R3 = '00000000-0000-4000-8000-000000000003';
const R4 = '00000000-0000-4000-8000-000000000004';
const submitted = (id: string, unitId = COMMUNE): ResponseEvent => ({ type: 'ResponseSubmitted', data: response(id, unitId) });
const fold = (...events: ResponseEvent[]): Responses => events.reduce(evolveResponses, new Map());
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeRuleViolation) return `${error.rule}@${error.field}`;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('voiding and correcting a response', () => {
  const given = fold(submitted(R1), submitted(R2), submitted(R3, OTHER_COMMUNE));

  it('voids a valid response with ResponseVoided naming the reason, on the response’s unit and campaign', () => {
    expect(decideResponse({ type: 'VoidResponse', responseId: R1, reason: 'keyed twice' }, given.get(R1)!)).toEqual([
      { type: 'ResponseVoided', data: { responseId: R1, unitId: COMMUNE, campaignId: CAMPAIGN, reason: 'keyed twice' } },
    ]);
  });

  it('corrects a valid response with ResponseCorrected carrying the replacement', () => {
    const replacement = { ...response(R4), answers: [{ itemId: 'A1', level: 2 }] };
    expect(decideResponse({ type: 'CorrectResponse', responseId: R2, reason: 'A1 mis-keyed', replacement }, given.get(R2)!)).toEqual([
      { type: 'ResponseCorrected', data: { responseId: R2, reason: 'A1 mis-keyed', replacement } },
    ]);
  });

  it('counts what follows: a void removes a response, a correction replaces one, the originals stay known', () => {
    expect(validResponsesByUnit(given)).toEqual(
      new Map([
        [COMMUNE, 2],
        [OTHER_COMMUNE, 1],
      ]),
    );
    const after = fold(
      submitted(R1),
      submitted(R2),
      submitted(R3, OTHER_COMMUNE),
      { type: 'ResponseVoided', data: { responseId: R1, unitId: COMMUNE, campaignId: CAMPAIGN, reason: 'keyed twice' } },
      { type: 'ResponseCorrected', data: { responseId: R2, reason: 'A1 mis-keyed', replacement: response(R4) } },
    );
    expect(validResponsesByUnit(after)).toEqual(
      new Map([
        [COMMUNE, 1],
        [OTHER_COMMUNE, 1],
      ]),
    );
    expect(after.get(R1)?.status).toBe('voided');
    expect(after.get(R2)).toMatchObject({ status: 'replaced', replacedBy: R4 });
    expect(after.get(R4)?.status).toBe('valid');
  });

  it('refuses to void or correct a response that is already void, or replaced', () => {
    const after = fold(
      submitted(R1),
      submitted(R2),
      { type: 'ResponseVoided', data: { responseId: R1, unitId: COMMUNE, campaignId: CAMPAIGN, reason: 'x' } },
      { type: 'ResponseCorrected', data: { responseId: R2, reason: 'y', replacement: response(R4) } },
    );
    expect(refusal(() => decideResponse({ type: 'VoidResponse', responseId: R1, reason: 'again' }, after.get(R1)!))).toBe(
      'response-voided@responseId',
    );
    expect(
      refusal(() => decideResponse({ type: 'CorrectResponse', responseId: R1, reason: 'z', replacement: response(R3) }, after.get(R1)!)),
    ).toBe('response-voided@responseId');
    expect(refusal(() => decideResponse({ type: 'VoidResponse', responseId: R2, reason: 'again' }, after.get(R2)!))).toBe(
      'response-replaced@responseId',
    );
    // The replacement itself can be voided.
    expect(decideResponse({ type: 'VoidResponse', responseId: R4, reason: 'wrong form' }, after.get(R4)!)).toHaveLength(1);
  });

  it('refuses an unknown response and a blank reason', () => {
    expect(refusal(() => decideResponse({ type: 'VoidResponse', responseId: R1, reason: 'x' }, null))).toBe('response-unknown@responseId');
    expect(refusal(() => decideResponse({ type: 'VoidResponse', responseId: R1, reason: '  ' }, given.get(R1)!))).toBe(
      'reason-missing@reason',
    );
  });

  it('refuses a correction that moves the response to another unit or campaign', () => {
    expect(
      refusal(() =>
        decideResponse({ type: 'CorrectResponse', responseId: R1, reason: 'x', replacement: response(R4, OTHER_COMMUNE) }, given.get(R1)!),
      ),
    ).toBe('correction-changes-unit@unitId');
    expect(
      refusal(() =>
        decideResponse(
          { type: 'CorrectResponse', responseId: R1, reason: 'x', replacement: { ...response(R4), campaignId: OTHER_COMMUNE } },
          given.get(R1)!,
        ),
      ),
    ).toBe('correction-changes-campaign@campaignId');
  });
});

import { COMMUNE, definition, DIVISION, openCampaign, PROVINCE, referenceQuestionnaire } from '../spec-fixtures';
import { checkSubmission, splitProfile, Submission, SubmissionContext, vietnamDateOf } from './submission';

const questionnaire = referenceQuestionnaire('current');
const submission: Submission = {
  campaignId: definition.campaignId,
  unitId: COMMUNE,
  channel: 'paper',
  procedureId: 'id-card',
  serviceDate: '2022-04-12',
  form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: '2022-04-12T09:28:00+07:00' },
  answers: [
    { itemId: 'A1', level: 5 },
    { itemId: 'B2', level: null },
    { itemId: 'E3', level: 2 },
  ],
  expectations: [{ itemId: 'X4', level: 4 }],
  profile: { respondentType: 'individual', ageGroup: '35-49' },
};
const context: SubmissionContext = {
  campaign: openCampaign,
  questionnaire,
  unitKnown: true,
  unit: { unitId: COMMUNE, unitType: 'commune-police', code: '08707', ancestorIds: ['district', PROVINCE] },
  today: '2022-06-15',
  now: new Date('2022-06-15T03:00:00Z'),
};
const refusals = (s: Partial<Submission>, c: Partial<SubmissionContext> = {}) =>
  checkSubmission({ ...submission, ...s }, { ...context, ...c }).map((v) => `${v.rule}@${v.field}`);

describe('a response’s rules', () => {
  it('accepts a complete form of an open campaign, for a unit in scope on the service date', () => {
    expect(refusals({})).toEqual([]);
  });

  it('refuses an unknown campaign and checks nothing else against it', () => {
    expect(refusals({}, { campaign: null, questionnaire: null })).toEqual(['campaign-unknown@campaignId']);
  });

  it('refuses a draft or a closed campaign; a correction may still reach a closed one', () => {
    expect(refusals({}, { campaign: { definition, status: 'draft' } })).toEqual(['campaign-not-open@campaignId']);
    expect(refusals({}, { campaign: { definition, status: 'closed' } })).toEqual(['campaign-closed@campaignId']);
    expect(refusals({}, { campaign: { definition, status: 'closed' }, allowClosedCampaign: true })).toEqual([]);
    expect(refusals({}, { campaign: { definition, status: 'draft' }, allowClosedCampaign: true })).toEqual([
      'campaign-not-open@campaignId',
    ]);
  });

  it('refuses a method the campaign does not use', () => {
    expect(refusals({ channel: 'counter' })).toEqual(['method-not-allowed@channel']);
  });

  it('refuses a service date outside the period, and one in the future in Vietnam', () => {
    expect(refusals({ serviceDate: '2022-03-31', form: { startedAt: null, finishedAt: null } })).toEqual([
      'service-date-outside-period@serviceDate',
    ]);
    expect(refusals({ serviceDate: '2022-06-01', form: { startedAt: null, finishedAt: null } })).toEqual([
      'service-date-outside-period@serviceDate',
    ]);
    // 2022-04-30 17:30 UTC is already 1 May in Vietnam: 30 April is yesterday, 1 May today, 2 May the future.
    const now = new Date('2022-04-30T17:30:00Z');
    expect(refusals({ serviceDate: '2022-05-02', form: { startedAt: null, finishedAt: null } }, { today: '2022-05-01', now })).toEqual([
      'service-date-in-future@serviceDate',
    ]);
    expect(refusals({ serviceDate: '2022-05-01', form: { startedAt: null, finishedAt: null } }, { today: '2022-05-01', now })).toEqual([]);
  });

  it('refuses a unit the directory does not know, keeping the reason callers already read', () => {
    const reasons = checkSubmission(submission, { ...context, unitKnown: false, unit: null });
    expect(reasons).toEqual([expect.objectContaining({ field: 'unitId', rule: 'unit-unknown', reason: 'unknown unit' })]);
  });

  it('refuses a unit that did not exist on the service date', () => {
    expect(refusals({}, { unit: null })).toEqual(['unit-not-valid-on-service-date@unitId']);
  });

  it('refuses a unit outside the scope on the service date', () => {
    expect(refusals({}, { unit: { ...context.unit!, ancestorIds: ['other-province'] } })).toEqual(['unit-out-of-scope@unitId']);
    expect(refusals({ procedureId: 'traffic-fine' }, { unit: { ...context.unit!, unitType: 'district-police' } })).toEqual([
      'unit-out-of-scope@unitId',
    ]);
  });

  it('refuses a procedure outside the catalogue, and one the unit’s type does not handle', () => {
    expect(refusals({ procedureId: 'marriage' })).toEqual(['procedure-unknown@procedureId']);
    expect(refusals({ procedureId: 'passport' })).toEqual(['procedure-not-for-unit@procedureId']);
    expect(
      refusals(
        { procedureId: 'passport', unitId: DIVISION },
        { unit: { unitId: DIVISION, unitType: 'provincial-division', code: '26-PA08', ancestorIds: [PROVINCE] } },
      ),
    ).toEqual([]);
  });

  it('refuses items that are not in the campaign’s questionnaire version, naming each one', () => {
    // B5 exists in the 2017 form only; the campaign pins the current one.
    expect(
      refusals({
        answers: [
          { itemId: 'A1', level: 4 },
          { itemId: 'B5', level: 4 },
        ],
      }),
    ).toEqual(['item-unknown@answers.1.itemId']);
  });

  it('refuses an item answered twice, a level outside the scale and a form with nothing answered', () => {
    expect(
      refusals({
        answers: [
          { itemId: 'A1', level: 4 },
          { itemId: 'A1', level: 5 },
        ],
      }),
    ).toEqual(['item-answered-twice@answers.1.itemId']);
    expect(refusals({ answers: [{ itemId: 'A1', level: 6 }] })).toEqual(['level-outside-scale@answers.0.level']);
    expect(refusals({ answers: [{ itemId: 'A1', level: null }] })).toEqual(['nothing-answered@answers']);
  });

  it('refuses expectations outside the version or above its four levels', () => {
    expect(
      refusals({
        expectations: [
          { itemId: 'X11', level: 1 },
          { itemId: 'X1', level: 5 },
        ],
      }),
    ).toEqual(['expectation-unknown@expectations.0.itemId', 'level-outside-scale@expectations.1.level']);
  });

  it('refuses a profile question or option the version does not have', () => {
    expect(refusals({ profile: { income: 'high', sex: 'x' } })).toEqual([
      'profile-field-unknown@profile.income',
      'profile-option-unknown@profile.sex',
    ]);
  });

  it('refuses a form that finished before it started, started before the service or ends in the future', () => {
    expect(refusals({ form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: '2022-04-12T09:10:00+07:00' } })).toEqual([
      'form-finished-before-start@form.finishedAt',
    ]);
    expect(refusals({ form: { startedAt: '2022-04-11T23:50:00+07:00', finishedAt: null } })).toEqual([
      'form-before-service@form.startedAt',
    ]);
    expect(refusals({ form: { startedAt: null, finishedAt: '2022-06-16T09:00:00+07:00' } })).toEqual(['form-in-future@form.finishedAt']);
  });

  it('reports every broken rule at once, never echoing a refused value', () => {
    const phone = '0912345678';
    const found = checkSubmission(
      { ...submission, procedureId: phone, answers: [{ itemId: phone, level: 3 }], channel: 'counter' },
      context,
    );
    expect(found.map((v) => v.field)).toEqual(['channel', 'procedureId', 'answers.0.itemId']);
    expect(JSON.stringify(found)).not.toContain(phone);
    for (const v of found) expect(v.reasonVi.length).toBeGreaterThan(0);
  });
});

describe('profile answers', () => {
  it('travel in clear only where the questionnaire says so', () => {
    expect(splitProfile(questionnaire, { respondentType: 'organisation', sex: 'female', occupation: 'farmer' })).toEqual({
      inClear: { respondentType: 'organisation' },
      personal: { sex: 'female', occupation: 'farmer' },
    });
  });
});

describe('dates in Vietnam', () => {
  it('reads an instant’s date in Asia/Ho_Chi_Minh', () => {
    expect(vietnamDateOf('2022-04-30T17:00:00Z')).toBe('2022-05-01');
    expect(vietnamDateOf('2022-04-30T16:59:59Z')).toBe('2022-04-30');
    expect(vietnamDateOf('2022-05-01T00:10:00+07:00')).toBe('2022-05-01');
  });
});

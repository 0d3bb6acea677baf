import { SubmissionContext } from '../response/submission';
import { COMMUNE, definition, openCampaign, PROVINCE, referenceQuestionnaire } from '../spec-fixtures';
import { ImportHeader, importLayoutOf, readImportHeader } from './import-layout';
import { checkImportRow, readImportRow, readInstant, readLocalDate } from './import-row';

const questionnaire = referenceQuestionnaire('current');
const layout = importLayoutOf(questionnaire);
const ITEMS = questionnaire.factors.flatMap((f) => f.items.map((i) => i.id));
const COLUMNS = ['formNumber', 'unit', 'procedure', 'serviceDate', ...ITEMS, 'respondentType', 'ageGroup', 'X4', 'startedAt', 'freeText'];
const header = (readImportHeader(COLUMNS, layout) as { header: ImportHeader }).header;

const cellsOf = (values: Record<string, string>) => {
  const row: Record<string, string> = {
    formNumber: 'F-0001',
    unit: '08707',
    procedure: 'id-card',
    serviceDate: '12/04/2022',
    ...Object.fromEntries(ITEMS.map((id) => [id, '4'])),
    respondentType: 'individual',
    ageGroup: '',
    X4: '',
    startedAt: '',
    freeText: '',
    ...values,
  };
  return COLUMNS.map((c) => row[c]);
};
const rulesOf = (values: Record<string, string>) =>
  (readImportRow(cellsOf(values), header).violations ?? []).map((v) => `${v.rule}@${v.field}`);

const context: SubmissionContext & { campaignId: string } = {
  campaignId: definition.campaignId,
  campaign: openCampaign,
  questionnaire,
  unitKnown: true,
  unit: { unitId: COMMUNE, unitType: 'commune-police', code: '08707', ancestorIds: [PROVINCE] },
  today: '2022-06-15',
  now: new Date('2022-06-15T03:00:00Z'),
};

describe('the bulk import layout', () => {
  it('has the fixed columns, every item, profile question and expectation of the version, and the free text', () => {
    const ids = layout.columns.map((c) => c.id);
    expect(ids.slice(0, 7)).toEqual(['formNumber', 'unit', 'procedure', 'serviceDate', 'surveyor', 'startedAt', 'finishedAt']);
    expect(ids).toEqual(expect.arrayContaining([...ITEMS, 'respondentType', 'ageGroup', 'sex', 'occupation', 'X4', 'freeText']));
    expect(layout.columns.filter((c) => c.required).map((c) => c.id)).toEqual(['formNumber', 'unit', 'procedure', 'serviceDate', ...ITEMS]);
  });

  it('reads a header in any order and case, with a BOM and blank trailing cells', () => {
    const read = readImportHeader(['\uFEFFFORMNUMBER', ' Unit ', 'procedure', 'servicedate', ...ITEMS.slice().reverse(), '', ''], layout);
    expect('header' in read).toBe(true);
  });

  it('refuses a header of another layout, naming each unknown, repeated and missing column', () => {
    const read = readImportHeader(['formNumber', 'unit', 'unit', 'colour', ...ITEMS.slice(1)], layout);
    expect('violations' in read && read.violations.map((v) => `${v.rule}@${v.field}`)).toEqual([
      'column-twice@header.3',
      'column-unknown@header.4',
      'column-missing@procedure',
      'column-missing@serviceDate',
      'column-missing@A1',
    ]);
  });
});

describe('a row of a bulk import', () => {
  it('reads a good row into a paper form: DD/MM/YYYY dates, empty items as not answered, empty optional columns left out', () => {
    const { row } = readImportRow(cellsOf({ B2: '', X4: '3', startedAt: '12/04/2022 09:20' }), header);
    expect(row).toMatchObject({
      formNumber: 'F-0001',
      unit: { kind: 'code', code: '08707' },
      procedureId: 'id-card',
      serviceDate: '2022-04-12',
      surveyorId: null,
      form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: null },
      expectations: [{ itemId: 'X4', level: 3 }],
      profile: { respondentType: 'individual' },
      freeText: null,
    });
    expect(row?.answers.find((a) => a.itemId === 'B2')).toEqual({ itemId: 'B2', level: null });
    expect(checkImportRow(row!, COMMUNE, context)).toEqual([]);
  });

  it('names a unit by its id as well as by its code', () => {
    expect(readImportRow(cellsOf({ unit: COMMUNE.toUpperCase() }), header).row?.unit).toEqual({ kind: 'id', id: COMMUNE });
  });

  it('refuses missing required values, unreadable levels and dates, each by its column', () => {
    expect(rulesOf({ formNumber: '', unit: ' ', procedure: '' })).toEqual([
      'missing-required-field@formNumber',
      'missing-required-field@unit',
      'missing-required-field@procedure',
    ]);
    expect(rulesOf({ A2: 'tốt', C1: '4.5' })).toEqual(['level-not-a-number@A2', 'level-not-a-number@C1']);
    expect(rulesOf({ serviceDate: '31/02/2022' })).toEqual(['date-invalid@serviceDate']);
    expect(rulesOf({ startedAt: '2022-04-12 25:00' })).toEqual(['time-invalid@startedAt']);
    expect(rulesOf({ formNumber: 'F 1;DROP' })).toEqual(['form-number-invalid@formNumber']);
    expect(rulesOf({ freeText: 'x'.repeat(2001) })).toEqual(['text-too-long@freeText']);
    expect(rulesOf({ freeText: 'a\u0000b' })).toEqual(['character-not-allowed@freeText']);
  });

  it('refuses a value beyond the header’s last column, and ignores an empty one', () => {
    expect(readImportRow([...cellsOf({}), ''], header).violations).toBeUndefined();
    expect(readImportRow([...cellsOf({}), 'stray'], header).violations?.map((v) => v.field)).toEqual([`column.${COLUMNS.length + 1}`]);
  });

  it('checks a readable row by the rules every channel meets, naming the file’s columns', () => {
    const check = (values: Record<string, string>, c: Partial<SubmissionContext> = {}) =>
      checkImportRow(readImportRow(cellsOf(values), header).row!, COMMUNE, { ...context, ...c }).map((v) => `${v.rule}@${v.field}`);
    expect(check({ B2: '7' })).toEqual(['level-outside-scale@B2']);
    expect(check({ X4: '5' })).toEqual(['level-outside-scale@X4']);
    expect(check({ procedure: 'no-such-procedure' })).toEqual(['procedure-unknown@procedure']);
    expect(check({ procedure: 'passport' })).toEqual(['procedure-not-for-unit@procedure']);
    expect(check({ respondentType: 'alien' })).toEqual(['profile-option-unknown@respondentType']);
    expect(check({ serviceDate: '2022-06-01' })).toEqual(['service-date-outside-period@serviceDate']);
    expect(check({ ...Object.fromEntries(ITEMS.map((i) => [i, ''])) })).toEqual(['nothing-answered@answers']);
    expect(check({}, { unitKnown: false, unit: null })).toEqual(['unit-unknown@unit']);
    expect(check({}, { unit: null })).toEqual(['unit-not-valid-on-service-date@unit']);
    expect(check({}, { unit: { unitId: COMMUNE, unitType: 'commune-police', code: '08707', ancestorIds: ['elsewhere'] } })).toEqual([
      'unit-out-of-scope@unit',
    ]);
    expect(check({}, { campaign: { ...openCampaign, status: 'closed' } })).toEqual(['campaign-closed@campaignId']);
  });
});

describe('dates and times as spreadsheets hold them', () => {
  it('reads calendar dates in both usual forms and refuses impossible ones', () => {
    expect(readLocalDate('2022-04-12')).toBe('2022-04-12');
    expect(readLocalDate('1/4/2022')).toBe('2022-04-01');
    expect(readLocalDate('2022-02-29')).toBeNull();
    expect(readLocalDate('12.04.2022')).toBeNull();
  });

  it('reads a local time as Vietnam time and keeps an instant with its offset', () => {
    expect(readInstant('2022-04-12 09:05')).toBe('2022-04-12T09:05:00+07:00');
    expect(readInstant('12/04/2022 9:05:30')).toBe('2022-04-12T09:05:30+07:00');
    expect(readInstant('2022-04-12T02:05:00Z')).toBe('2022-04-12T02:05:00Z');
    expect(readInstant('2022-04-12T09:05')).toBe('2022-04-12T09:05:00+07:00');
    expect(readInstant('yesterday')).toBeNull();
  });
});

import { QuestionnaireContent } from '@hailong/contracts';
import { referenceFile, referenceQuestionnaire } from '../spec-fixtures';
import { proceduresFor, procedureAppliesTo } from './procedures';
import { checkQuestionnaireContent, itemsOf } from './questionnaire-rules';
import { questionnairesFromReference } from './reference-questionnaires';

describe('questionnaires from the reference data', () => {
  const current = referenceQuestionnaire('current');
  const form2017 = referenceQuestionnaire('2017');

  it('loads both forms of the file as questionnaires of their own: current and 2017', () => {
    expect(
      questionnairesFromReference(referenceFile())
        .map((q) => q.questionnaireId)
        .sort(),
    ).toEqual(['2017', 'current']);
  });

  it('gives the current form 16 items in the five factors A–E (3+4+3+3+3)', () => {
    expect(itemsOf(current)).toHaveLength(16);
    expect(current.factors.map((f) => [f.id, f.items.length])).toEqual([
      ['A', 3],
      ['B', 4],
      ['C', 3],
      ['D', 3],
      ['E', 3],
    ]);
  });

  it('gives the 2017 form 22 items (4+5+6+3+4)', () => {
    expect(form2017.factors.map((f) => f.items.length)).toEqual([4, 5, 6, 3, 4]);
  });

  it('labels every factor, item, level, expectation, profile option and procedure in Vietnamese and English', () => {
    const labels = (q: QuestionnaireContent) => [
      ...q.ratingScale,
      ...q.factors,
      ...q.factors.flatMap((f) => f.items),
      ...q.expectationScale,
      ...q.expectations,
      ...q.profile,
      ...q.profile.flatMap((p) => p.options),
      ...q.procedures,
    ];
    for (const entry of [...labels(current), ...labels(form2017)]) {
      expect(entry.vi.length).toBeGreaterThan(0);
      expect(entry.en.length).toBeGreaterThan(0);
      expect(entry.vi).toBe(entry.vi.normalize('NFC'));
    }
    expect(current.factors[0].vi).toBe('Tiếp cận dịch vụ');
    expect(current.ratingScale.map((l) => l.vi)).toEqual([
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ]);
  });

  it('puts expectations on their four-level scale, none / some / want / strongly want', () => {
    expect(current.expectationScale.map((l) => [l.level, l.en])).toEqual([
      [1, 'No need to improve'],
      [2, 'Some improvement'],
      [3, 'Want improvement'],
      [4, 'Strongly want improvement'],
    ]);
    expect(current.expectations).toHaveLength(10);
  });

  it('keeps only the respondent type in clear; age group, sex and occupation are personal data', () => {
    expect(current.profile.map((p) => [p.id, p.inClear])).toEqual([
      ['respondentType', true],
      ['ageGroup', false],
      ['sex', false],
      ['occupation', false],
    ]);
    expect(current.profile[1].options.map((o) => o.id)).toEqual(['<25', '25-34', '35-49', '50-64', '65+']);
  });

  it('passes its own content rules, both forms', () => {
    expect(checkQuestionnaireContent(current)).toEqual([]);
    expect(checkQuestionnaireContent(form2017)).toEqual([]);
  });
});

describe('questionnaire content rules', () => {
  const current = referenceQuestionnaire('current');
  const rules = (content: QuestionnaireContent) => checkQuestionnaireContent(content).map((v) => `${v.rule}@${v.field}`);

  it('refuses an item id used twice, even across factors', () => {
    const factors = current.factors.map((f, i) => (i === 1 ? { ...f, items: [...f.items, { id: 'A1', vi: 'x', en: 'x' }] } : f));
    expect(rules({ ...current, factors })).toEqual(['id-duplicate@factors.items']);
  });

  it('refuses a rating scale with a gap', () => {
    expect(rules({ ...current, ratingScale: current.ratingScale.filter((l) => l.level !== 3) })).toEqual([
      'scale-not-consecutive@ratingScale',
    ]);
  });

  it('refuses expectations without a scale, and a profile option twice', () => {
    const profile = [{ ...current.profile[0], options: [...current.profile[0].options, current.profile[0].options[0]] }];
    expect(rules({ ...current, expectationScale: [], profile })).toEqual([
      'scale-missing@expectationScale',
      'id-duplicate@profile.0.options',
    ]);
  });
});

describe('procedure catalogue per unit type', () => {
  const current = referenceQuestionnaire('current');
  const byId = (id: string) => current.procedures.find((p) => p.id === id)!;

  it('gives a commune police the residence, identity card and vehicle procedures', () => {
    expect(proceduresFor(current, { unitType: 'commune-police', code: '08707' }).map((p) => p.id)).toEqual([
      'id-card',
      'permanent-residence',
      'temporary-residence',
      'vehicle-registration',
    ]);
  });

  it('matches a division by its division code, whatever province code stands in front', () => {
    expect(procedureAppliesTo(byId('passport'), { unitType: 'provincial-division', code: '26-PA08' })).toBe(true);
    expect(procedureAppliesTo(byId('passport'), { unitType: 'provincial-division', code: '25-PA08' })).toBe(true);
    expect(procedureAppliesTo(byId('passport'), { unitType: 'provincial-division', code: '26-PC06' })).toBe(false);
  });

  it('does not take a commune whose code happens to end like a division code for a division', () => {
    expect(procedureAppliesTo(byId('passport'), { unitType: 'commune-police', code: 'X-PA08' })).toBe(false);
  });
});

import { QuestionnaireContent, questionnaireContentSchema } from '@hailong/contracts';
import { z } from 'zod';

/** The shape of data/reference/questionnaires.json: scales, factors and profile shared by every form. */
const labelled = { vi: z.string(), en: z.string() };
const referenceFileSchema = z.object({
  ratingScale: z.array(z.object({ level: z.number(), ...labelled })),
  factors: z.record(z.string(), z.object(labelled)),
  forms: z.record(z.string(), z.object({ items: z.array(z.object({ id: z.string(), factor: z.string(), ...labelled })) })),
  expectationScale: z.array(z.object({ level: z.number(), ...labelled })),
  expectations: z.array(z.object({ id: z.string(), ...labelled })),
  profile: z.record(z.string(), z.array(z.union([z.string(), z.object({ id: z.string(), ...labelled })]))),
  procedures: z.array(z.object({ id: z.string(), unitTypes: z.array(z.string()), ...labelled })),
});

/** Profile fields coarse enough to travel in clear for breakdowns ("individual or organisation"); the rest is personal data. */
export const PROFILE_FIELDS_IN_CLEAR: readonly string[] = ['respondentType'];

/** What the reference file's profile keys ask, in both languages (the file names only the options). */
const PROFILE_QUESTIONS: Readonly<Record<string, { vi: string; en: string }>> = {
  respondentType: { vi: 'Đối tượng', en: 'Respondent type' },
  ageGroup: { vi: 'Nhóm tuổi', en: 'Age group' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  occupation: { vi: 'Nghề nghiệp', en: 'Occupation' },
};

export interface ReferenceQuestionnaire {
  readonly questionnaireId: string;
  readonly content: QuestionnaireContent;
}

/**
 * Every form of the reference file as a questionnaire of its own ('current', '2017'), each with the
 * file's scales, expectations, profile and procedure catalogue, checked against the published shape.
 */
export function questionnairesFromReference(file: unknown): ReferenceQuestionnaire[] {
  const reference = referenceFileSchema.parse(file);
  const nfc = (s: string) => s.normalize('NFC');
  const label = (l: { vi: string; en: string }) => ({ vi: nfc(l.vi), en: nfc(l.en) });
  return Object.entries(reference.forms).map(([formId, form]) => {
    const factorIds = [...new Set(form.items.map((i) => i.factor))];
    const content = {
      titleVi: `Phiếu khảo sát "${formId}" (${form.items.length} câu hỏi)`,
      titleEn: `Survey form "${formId}" (${form.items.length} items)`,
      ratingScale: reference.ratingScale.map((l) => ({ level: l.level, ...label(l) })),
      factors: factorIds.map((factorId) => {
        const factor = reference.factors[factorId];
        if (!factor) throw new Error(`form ${formId}: item of unknown factor ${factorId}`);
        return {
          id: factorId,
          ...label(factor),
          items: form.items.filter((i) => i.factor === factorId).map((i) => ({ id: i.id, ...label(i) })),
        };
      }),
      expectationScale: reference.expectationScale.map((l) => ({ level: l.level, ...label(l) })),
      expectations: reference.expectations.map((x) => ({ id: x.id, ...label(x) })),
      profile: Object.entries(reference.profile).map(([fieldId, options]) => ({
        id: fieldId,
        ...label(PROFILE_QUESTIONS[fieldId] ?? { vi: fieldId, en: fieldId }),
        inClear: PROFILE_FIELDS_IN_CLEAR.includes(fieldId),
        options: options.map((o) => (typeof o === 'string' ? { id: o, vi: o, en: o } : { id: o.id, ...label(o) })),
      })),
      procedures: reference.procedures.map((p) => ({ id: p.id, ...label(p), unitTypes: p.unitTypes })),
    };
    return { questionnaireId: formId, content: questionnaireContentSchema.parse(content) };
  });
}

import type { QuestionnaireContent } from '@hailong/contracts';

/** The back of a small paper form, for the specs: two expectations on a two-level scale, two profile questions. */
export const PAPER_BACK: Pick<QuestionnaireContent, 'expectationScale' | 'expectations' | 'profile'> = {
  expectationScale: [
    { level: 1, vi: 'Không cần', en: 'Not needed' },
    { level: 2, vi: 'Cần', en: 'Needed' },
  ],
  expectations: [
    { id: 'X1', vi: 'Rút ngắn thời gian', en: 'Shorter waits' },
    { id: 'X2', vi: 'Thái độ', en: 'Attitude' },
  ],
  profile: [
    {
      id: 'respondentType',
      vi: 'Đối tượng',
      en: 'Respondent',
      inClear: true,
      options: [
        { id: 'individual', vi: 'Cá nhân', en: 'Individual' },
        { id: 'organisation', vi: 'Tổ chức', en: 'Organisation' },
      ],
    },
    { id: 'ageGroup', vi: 'Tuổi', en: 'Age', inClear: false, options: [{ id: '35-49', vi: '35–49', en: '35–49' }] },
  ],
};

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScorableResponse } from './counts';
import { defineQuestionnaire, QuestionnaireForm } from './questionnaire';

/** A small card with an uneven structure: factor A has 2 items, B 1, C 2. */
export const SMALL = defineQuestionnaire({
  factors: [
    { id: 'A', itemIds: ['A1', 'A2'] },
    { id: 'B', itemIds: ['B1'] },
    { id: 'C', itemIds: ['C1', 'C2'] },
  ],
});

export const anyResponse: fc.Arbitrary<ScorableResponse> = fc.record({
  answers: fc
    .subarray(['A1', 'A2', 'B1', 'C1', 'C2', 'Z9'], { minLength: 1 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((itemId) => fc.record({ itemId: fc.constant(itemId), level: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) })),
      ),
    ),
  expectations: fc
    .subarray(['X1', 'X2'])
    .chain((ids) =>
      fc.tuple(
        ...ids.map((itemId) => fc.record({ itemId: fc.constant(itemId), level: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }) })),
      ),
    ),
});

/** Reads the real forms the product ships with (data/reference/questionnaires.json). */
export function referenceForms(): { current: QuestionnaireForm; '2017': QuestionnaireForm } {
  const file = resolve(__dirname, '../../../../../data/reference/questionnaires.json');
  return JSON.parse(readFileSync(file, 'utf8')).forms;
}

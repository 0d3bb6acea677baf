import { DEFAULT_EXPECTATION_LEVELS, MAX_EXPECTATION_LEVELS } from './levels';

/**
 * Which items make up which factor. The questionnaire is data (DESIGN: "Factors and items are data
 * too"), so scoring takes it as an argument; the same code scores the 16-item current form, the
 * 22-item 2017 form or any later card.
 */
export interface Questionnaire {
  /** Factors in reporting order, each with its item ids in reporting order. */
  readonly factors: readonly QuestionnaireFactor[];
  /** Levels of the expectation scale (DESIGN's has 4, the default; the contract allows up to 9). */
  readonly expectationLevels?: number;
}

export interface QuestionnaireFactor {
  readonly id: string;
  readonly itemIds: readonly string[];
}

/** The shape of a form in data/reference/questionnaires.json: items that each name their factor. */
export interface QuestionnaireForm {
  readonly items: readonly { readonly id: string; readonly factor: string }[];
}

/** Item ids as the response contract allows them; the satisfaction pattern keys rely on it (no ',' or ':'). */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * Builds the structure from a form's item list. Factors come in the order of their first item, so
 * the form's own order is the report's order.
 */
export function questionnaireFromForm(form: QuestionnaireForm, expectationLevels = DEFAULT_EXPECTATION_LEVELS): Questionnaire {
  const factors = new Map<string, string[]>();
  for (const item of form.items) {
    const items = factors.get(item.factor) ?? [];
    items.push(item.id);
    factors.set(item.factor, items);
  }
  return defineQuestionnaire({ factors: [...factors].map(([id, itemIds]) => ({ id, itemIds })), expectationLevels });
}

/** Checks a structure once so scoring can trust it: at least one factor, no empty factor, no item in two places. */
export function defineQuestionnaire(questionnaire: Questionnaire): Questionnaire {
  if (questionnaire.factors.length === 0) throw new RangeError('a questionnaire needs at least one factor');
  const expectationLevels = questionnaire.expectationLevels ?? DEFAULT_EXPECTATION_LEVELS;
  if (!Number.isInteger(expectationLevels) || expectationLevels < 2 || expectationLevels > MAX_EXPECTATION_LEVELS) {
    throw new RangeError(`an expectation scale has 2–${MAX_EXPECTATION_LEVELS} levels, got ${expectationLevels}`);
  }
  const seenFactors = new Set<string>();
  const seenItems = new Set<string>();
  for (const factor of questionnaire.factors) {
    if (seenFactors.has(factor.id)) throw new RangeError(`factor ${factor.id} appears twice`);
    seenFactors.add(factor.id);
    if (factor.itemIds.length === 0) throw new RangeError(`factor ${factor.id} has no items`);
    for (const itemId of factor.itemIds) {
      if (!ITEM_ID_PATTERN.test(itemId)) throw new RangeError(`item id ${JSON.stringify(itemId)} is not a valid item id`);
      if (seenItems.has(itemId)) throw new RangeError(`item ${itemId} appears twice`);
      seenItems.add(itemId);
    }
  }
  return {
    factors: questionnaire.factors.map((f) => Object.freeze({ id: f.id, itemIds: Object.freeze([...f.itemIds]) })),
    expectationLevels,
  };
}

export function itemIdsOf(questionnaire: Questionnaire): string[] {
  return questionnaire.factors.flatMap((f) => f.itemIds);
}

import { QuestionnaireContent } from '@hailong/contracts';
import { violation, Violation } from '../rule-violation';

const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

/**
 * What makes a questionnaire version usable, beyond its shape: ids unique where answers name them,
 * scales numbered 1..n without gaps, so a level and an item id always mean one thing.
 */
export function checkQuestionnaireContent(content: QuestionnaireContent): Violation[] {
  const found: Violation[] = [];
  const scale = (field: string, levels: readonly { level: number }[], optional: boolean) => {
    if (optional && levels.length === 0) return;
    if (!levels.every((l, i) => l.level === i + 1)) {
      found.push(
        violation(
          field,
          'scale-not-consecutive',
          'levels must be numbered 1, 2, 3… in order',
          'các mức phải được đánh số 1, 2, 3… theo thứ tự',
        ),
      );
    }
  };
  const unique = (field: string, ids: readonly string[]) => {
    if (duplicates(ids).length > 0) {
      found.push(violation(field, 'id-duplicate', 'ids must be unique', 'mã phải là duy nhất'));
    }
  };
  scale('ratingScale', content.ratingScale, false);
  scale('expectationScale', content.expectationScale, true);
  unique(
    'factors',
    content.factors.map((f) => f.id),
  );
  unique(
    'factors.items',
    content.factors.flatMap((f) => f.items.map((i) => i.id)),
  );
  unique(
    'expectations',
    content.expectations.map((x) => x.id),
  );
  if (content.expectations.length > 0 && content.expectationScale.length === 0) {
    found.push(violation('expectationScale', 'scale-missing', 'expectations need a scale', 'các mong đợi cần có thang đo'));
  }
  unique(
    'profile',
    content.profile.map((p) => p.id),
  );
  content.profile.forEach((p, i) =>
    unique(
      `profile.${i}.options`,
      p.options.map((o) => o.id),
    ),
  );
  unique(
    'procedures',
    content.procedures.map((p) => p.id),
  );
  return found;
}

/** Every item of the version, in order. */
export function itemsOf(content: QuestionnaireContent): { id: string; factorId: string }[] {
  return content.factors.flatMap((f) => f.items.map((i) => ({ id: i.id, factorId: f.id })));
}

import type { ApiErrorBody } from '../api/http';

/**
 * Keying a paper form: one key per rating. A digit 1–5 is the level the respondent ticked, 0 (or "-") means
 * they left the item blank; either moves on to the next item at once, so a form of 16 ratings takes 16
 * keystrokes. Backspace clears the item (and goes back when it was already empty); arrows move without changing.
 */
export type Rating = number | null | undefined; // undefined: not keyed yet; null: keyed as left blank

export type KeyAction =
  | { readonly kind: 'set'; readonly level: number | null }
  | { readonly kind: 'clear' }
  | { readonly kind: 'move'; readonly by: -1 | 1 };

export function actionOfKey(key: string): KeyAction | null {
  if (/^[1-5]$/.test(key)) return { kind: 'set', level: Number(key) };
  if (key === '0' || key === '-') return { kind: 'set', level: null };
  if (key === 'Backspace' || key === 'Delete') return { kind: 'clear' };
  if (key === 'ArrowDown' || key === 'ArrowRight') return { kind: 'move', by: 1 };
  if (key === 'ArrowUp' || key === 'ArrowLeft') return { kind: 'move', by: -1 };
  return null;
}

export interface KeyingState {
  readonly ratings: readonly Rating[];
  /** The item that has the focus; ratings.length means past the last item (the submit button). */
  readonly focus: number;
}

export function startKeying(items: number): KeyingState {
  return { ratings: Array.from({ length: items }, () => undefined), focus: 0 };
}

export function applyKey(state: KeyingState, at: number, action: KeyAction): KeyingState {
  const last = state.ratings.length;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (action.kind) {
    case 'set': {
      const ratings = state.ratings.map((r, i) => (i === at ? action.level : r));
      return { ratings, focus: clamp(at + 1) };
    }
    case 'clear': {
      if (state.ratings[at] === undefined) return { ...state, focus: clamp(at - 1) };
      return { ratings: state.ratings.map((r, i) => (i === at ? undefined : r)), focus: at };
    }
    case 'move':
      return { ...state, focus: clamp(at + action.by) };
  }
}

/** Items still to key, by position: a form is sent only when every item has a level or is marked blank. */
export function unkeyed(ratings: readonly Rating[]): number[] {
  return ratings.flatMap((r, i) => (r === undefined ? [i] : []));
}

export function answersOf(itemIds: readonly string[], ratings: readonly Rating[]): { itemId: string; level: number | null }[] {
  return itemIds.map((itemId, i) => ({ itemId, level: ratings[i] ?? null }));
}

export interface FieldErrors {
  /** Errors of the form's own fields (unitId, procedureId, serviceDate …), by field. */
  readonly fields: Record<string, string>;
  /** Errors of a rating, by item position (from answers.<n>.level). */
  readonly items: Record<number, string>;
  /** Reasons that name no field the form shows. */
  readonly other: string[];
}

/** A 4xx body's errors, placed next to the control they concern, in the reader's language. */
export function fieldErrorsOf(body: ApiErrorBody | null, language: string, formFields: readonly string[]): FieldErrors {
  const fields: Record<string, string> = {};
  const items: Record<number, string> = {};
  const other: string[] = [];
  for (const error of body?.errors ?? []) {
    const reason = (language === 'vi' ? error.reasonVi : undefined) ?? error.reason ?? error.reasons?.join('; ') ?? '';
    const answer = /^answers\.(\d+)(\.|$)/.exec(error.field);
    if (answer) items[Number(answer[1])] = reason;
    else if (formFields.includes(error.field)) fields[error.field] = reason;
    else other.push(error.field ? `${error.field}: ${reason}` : reason);
  }
  return { fields, items, other };
}

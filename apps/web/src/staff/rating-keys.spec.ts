import { describe, expect, it } from 'vitest';
import { actionOfKey, answersOf, applyKey, fieldErrorsOf, KeyingState, startKeying, unkeyed } from './rating-keys';

/** Types keys one after another, each at the item that has the focus, as the screen does. */
function type(state: KeyingState, keys: string[]): KeyingState {
  return keys.reduce((s, key) => {
    const action = actionOfKey(key);
    return action ? applyKey(s, s.focus, action) : s;
  }, state);
}

describe('keying the 16 ratings of a paper form', () => {
  it('takes one digit per item and moves on by itself; after the last item the focus is past the list (the send button)', () => {
    const state = type(startKeying(16), '5444332211554433'.split(''));
    expect(state.ratings).toEqual([5, 4, 4, 4, 3, 3, 2, 2, 1, 1, 5, 5, 4, 4, 3, 3]);
    expect(state.focus).toBe(16);
    expect(unkeyed(state.ratings)).toEqual([]);
  });

  it('keys 0 or - as left blank, which is sent as no level', () => {
    const state = type(startKeying(3), ['0', '-', '4']);
    expect(state.ratings).toEqual([null, null, 4]);
    expect(answersOf(['A1', 'A2', 'A3'], state.ratings)).toEqual([
      { itemId: 'A1', level: null },
      { itemId: 'A2', level: null },
      { itemId: 'A3', level: 4 },
    ]);
  });

  it('ignores other keys: 6, 9, letters and Tab change nothing', () => {
    const state = type(startKeying(2), ['6', '9', 'a', 'Tab']);
    expect(state).toEqual(startKeying(2));
    expect(actionOfKey('6')).toBeNull();
  });

  it('clears with Backspace, and a second Backspace on an empty item goes back one', () => {
    let state = type(startKeying(4), ['3', '4']);
    state = applyKey(state, 1, { kind: 'clear' });
    expect(state.ratings).toEqual([3, undefined, undefined, undefined]);
    expect(state.focus).toBe(1);
    state = applyKey(state, 1, { kind: 'clear' });
    expect(state.focus).toBe(0);
  });

  it('moves with the arrows without changing a rating, and never past either end', () => {
    const start = startKeying(3);
    expect(applyKey(start, 0, { kind: 'move', by: -1 }).focus).toBe(0);
    expect(applyKey(start, 2, { kind: 'move', by: 1 }).focus).toBe(3);
    expect(actionOfKey('ArrowDown')).toEqual({ kind: 'move', by: 1 });
    expect(actionOfKey('ArrowUp')).toEqual({ kind: 'move', by: -1 });
  });

  it('lists the items not keyed yet, so a form is never sent with an item skipped by mistake', () => {
    const state = type(startKeying(4), ['5', '5']);
    expect(unkeyed(state.ratings)).toEqual([2, 3]);
  });
});

describe('a refusal placed next to the controls', () => {
  it('puts answers.<n>.level on the n-th item and known fields on their control, in the reader’s language', () => {
    const body = {
      statusCode: 400,
      errors: [
        { field: 'answers.3.level', reason: 'level must not be greater than 5', reasonVi: 'mức không được lớn hơn 5' },
        { field: 'procedureId', reason: 'not handled by this unit', reasonVi: 'đơn vị không giải quyết thủ tục này' },
        { field: 'idempotencyKey', reason: 'already used' },
      ],
    };
    const vi = fieldErrorsOf(body, 'vi', ['procedureId', 'unitId']);
    expect(vi.items).toEqual({ 3: 'mức không được lớn hơn 5' });
    expect(vi.fields).toEqual({ procedureId: 'đơn vị không giải quyết thủ tục này' });
    expect(vi.other).toEqual(['idempotencyKey: already used']);
    expect(fieldErrorsOf(body, 'en', ['procedureId']).fields['procedureId']).toBe('not handled by this unit');
    expect(fieldErrorsOf(null, 'en', [])).toEqual({ fields: {}, items: {}, other: [] });
  });
});

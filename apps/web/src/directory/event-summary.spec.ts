import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../api/directory';
import { summarizeEvent } from './event-summary';

const event = (type: string, data: Record<string, unknown>): HistoryEvent => ({
  eventId: 'e-1',
  version: 1,
  type,
  effectiveDate: '2025-07-01',
  recordedAt: '2026-01-01T00:00:00Z',
  actor: { id: 'a-1', roles: ['admin'] },
  data,
});

describe('summarizeEvent', () => {
  it('names the successor of a merger and how many units merged together', () => {
    const summary = summarizeEvent(event('UnitMerged', { successorId: 's-1', mergedUnitIds: ['a', 'b', 'c', 'd'] }), 'vi');
    expect(summary).toEqual({ key: 'events.UnitMerged', values: { count: 4 }, references: [{ role: 'successor', unitIds: ['s-1'] }] });
  });

  it('says honestly when a dissolved unit has no known successor', () => {
    expect(summarizeEvent(event('UnitDissolved', { successorId: null, successorUnknown: true }), 'vi').key).toBe(
      'events.UnitDissolvedUnknown',
    );
    expect(summarizeEvent(event('UnitDissolved', { successorId: 'p-1', successorUnknown: false }), 'vi').references).toEqual([
      { role: 'successor', unitIds: ['p-1'] },
    ]);
  });

  it('shows a rename in the reader’s language and a type change with translated types', () => {
    const renamed = event('UnitRenamed', { nameVi: 'Công an phường Vĩnh Yên', nameEn: 'Vinh Yen Ward Police' });
    expect(summarizeEvent(renamed, 'vi').values).toEqual({ name: 'Công an phường Vĩnh Yên' });
    expect(summarizeEvent(renamed, 'en').values).toEqual({ name: 'Vinh Yen Ward Police' });
    const changed = event('UnitTypeChanged', { unitType: 'commune-police', previousUnitType: 'district-police' });
    expect(summarizeEvent(changed, 'en', (type) => type.toUpperCase()).values).toEqual({ from: 'DISTRICT-POLICE', to: 'COMMUNE-POLICE' });
  });

  it('links a move to the new parent and a split to every successor', () => {
    expect(summarizeEvent(event('UnitMoved', { parentId: 'p-2', previousParentId: 'p-1' }), 'vi').references).toEqual([
      { role: 'movedTo', unitIds: ['p-2'] },
    ]);
    expect(summarizeEvent(event('UnitSplit', { successorIds: ['x', 'y'] }), 'vi')).toMatchObject({ values: { count: 2 } });
  });

  it('still shows an event type this screen does not know, by its name', () => {
    expect(summarizeEvent(event('UnitRelocated', {}), 'vi')).toEqual({
      key: 'events.other',
      values: { type: 'UnitRelocated' },
      references: [],
    });
  });
});

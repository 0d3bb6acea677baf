import { CampaignOpened, createEvent, EventEnvelope, UnitDissolved, UnitRegistered } from '@hailong/contracts';
import { DIRECTORY_EVENT_TYPES, DirectoryViewError, ledgerConflicts, requireLocalDate, toDirectoryRows } from './directory-rows';

const UNIT = 'a0000000-0000-4000-8000-000000000005';
const context = {
  source: 'unit-directory' as const,
  actor: { id: 'editor', kind: 'staff' as const, roles: [] },
  correlationId: 'spec',
};
const HASH = 'ab'.repeat(32);

const placed = <T extends EventEnvelope>(event: T, sequence: number): T => ({
  ...event,
  ledger: { sequence, previousHash: HASH },
});

const registration = placed(
  createEvent(
    UnitRegistered,
    UNIT,
    {
      unitId: UNIT,
      code: '08740',
      unitType: 'commune-police',
      nameVi: 'Công an phường Trưng Nhị',
      nameEn: 'Trung Nhi Ward Police',
      parentId: null,
      areaCode: '08740',
      validFrom: '2020-01-01',
    },
    context,
  ),
  1,
);
const dissolution = placed(
  createEvent(
    UnitDissolved,
    UNIT,
    {
      unitId: UNIT,
      successorId: null,
      successorUnknown: true,
      effectiveDate: '2025-01-01',
    },
    context,
  ),
  2,
);

describe('DIRECTORY_EVENT_TYPES', () => {
  it('names all eight directory event types, so a view subscribed to them misses none', () => {
    expect([...DIRECTORY_EVENT_TYPES].sort()).toEqual([
      'UnitDissolved',
      'UnitEventCorrected',
      'UnitMerged',
      'UnitMoved',
      'UnitRegistered',
      'UnitRenamed',
      'UnitSplit',
      'UnitTypeChanged',
    ]);
  });
});

describe('toDirectoryRows', () => {
  it('keeps the unit, the ledger place and the effective date of each event: validFrom for a registration', () => {
    expect(toDirectoryRows([registration, dissolution])).toEqual([
      {
        eventId: registration.id,
        unitId: UNIT,
        ledgerSequence: 1,
        eventType: 'UnitRegistered',
        data: registration.data,
        effectiveDate: '2020-01-01',
      },
      {
        eventId: dissolution.id,
        unitId: UNIT,
        ledgerSequence: 2,
        eventType: 'UnitDissolved',
        data: dissolution.data,
        effectiveDate: '2025-01-01',
      },
    ]);
  });

  it('keeps an event delivered twice in one batch once', () => {
    expect(toDirectoryRows([registration, registration]).map((r) => r.eventId)).toEqual([registration.id]);
  });

  it('refuses an event without a ledger place: its order in the directory is unknown', () => {
    expect(() => toDirectoryRows([{ ...registration, ledger: null }])).toThrow(/no ledger place/);
  });

  it('refuses an event that is not the directory’s', () => {
    const opened = placed(
      createEvent(CampaignOpened, 'c', { campaignId: 'a0000000-0000-4000-8000-0000000000e1' }, { ...context, source: 'survey-intake' }),
      3,
    );
    expect(() => toDirectoryRows([opened])).toThrow(DirectoryViewError);
  });

  it('refuses one event id at two ledger places', () => {
    expect(() => toDirectoryRows([registration, placed(registration, 7)])).toThrow(/ledger places 1 and 7/);
  });
});

describe('ledgerConflicts', () => {
  const a = { eventId: 'a', ledgerSequence: 1 };
  const b = { eventId: 'b', ledgerSequence: 2 };

  it('accepts a repeat: the same id at the same place', () => {
    expect(ledgerConflicts([a, b], [a])).toEqual([]);
  });

  it('reports a place already held by another event', () => {
    expect(ledgerConflicts([{ eventId: 'c', ledgerSequence: 1 }], [a])).toEqual(['ledger place 1 is held by event a, not c']);
  });

  it('reports a stored event arriving at another place', () => {
    expect(ledgerConflicts([{ eventId: 'a', ledgerSequence: 3 }], [a])).toEqual(['event a is at ledger place 1, not 3']);
  });

  it('reports two incoming events claiming one place', () => {
    expect(ledgerConflicts([a, { eventId: 'c', ledgerSequence: 1 }], [])).toHaveLength(1);
  });
});

describe('requireLocalDate', () => {
  it('accepts a calendar date', () => {
    expect(requireLocalDate('2025-03-01')).toBe('2025-03-01');
  });

  it.each(['2025-02-30', '2025-3-1', '2025-03-01T00:00:00Z', ''])('refuses %j', (date) => {
    expect(() => requireLocalDate(date)).toThrow(DirectoryViewError);
  });
});

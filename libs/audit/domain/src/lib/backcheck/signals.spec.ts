import { DEFAULT_SIGNAL_SETTINGS, fabricationSignals, SignalResponse } from './signals';
import { latestVerdicts, reinspectedResponses, VerdictRecord } from './verdicts';

const ITEMS = ['A1', 'A2', 'B1', 'B2'];
const at = (seconds: number) => new Date(Date.UTC(2022, 3, 12, 2, 0, 0) + seconds * 1000).toISOString();

/** Honest forms: varied answers, 6–10 minutes each, an hour or so apart. */
function honest(collector: string, n: number, offset: number): SignalResponse[] {
  return Array.from({ length: n }, (_, i) => ({
    responseId: `${collector}-${String(i).padStart(3, '0')}`,
    unitId: 'unit-1',
    channel: 'paper',
    collector,
    // The first two items spell i in base 5, so no two honest forms share a vector.
    answers: ITEMS.map((itemId, j) => ({ itemId, level: (Math.floor(i / 5 ** (j % 2)) % 5) + 1 })),
    startedAt: at(offset + i * 3600),
    finishedAt: at(offset + i * 3600 + 360 + (i % 5) * 60),
    recordedAt: at(offset + i * 3600 + 5000),
  }));
}

/** A seeded fabricated batch: one surveyor, identical answers, 20 seconds apart, 15 seconds a form. */
function fabricated(n: number): SignalResponse[] {
  return Array.from({ length: n }, (_, i) => ({
    responseId: `fake-${String(i).padStart(3, '0')}`,
    unitId: 'unit-1',
    channel: 'paper',
    collector: 'surveyor:fabricator',
    answers: ITEMS.map((itemId) => ({ itemId, level: 5 })),
    startedAt: at(90000 + i * 20 - 15),
    finishedAt: at(90000 + i * 20),
    recordedAt: at(99999),
  }));
}

const verdict = (responseId: string, v: VerdictRecord['verdict'], recordedAt = at(0)): VerdictRecord => ({
  responseId,
  verdict: v,
  recollectedAnswers: v === 'answers-differ' ? ITEMS.map((itemId) => ({ itemId, level: 2 })) : null,
  recordedAt,
});

describe('fabrication signals', () => {
  const responses = [...honest('surveyor:honest', 12, 0), ...fabricated(8)];

  it('flags a fabricated batch (one surveyor, identical answers, 20 seconds apart) and names every response behind it', () => {
    const { signals } = fabricationSignals(responses, new Map());
    const fake = fabricated(8).map((r) => r.responseId);
    const of = (kind: string) => signals.filter((s) => s.kind === kind && s.source === 'collector:surveyor:fabricator');
    expect(of('identical-answers').map((s) => s.responseIds)).toEqual([fake]);
    expect(of('too-fast').map((s) => s.responseIds)).toEqual([fake]);
    expect(of('burst').map((s) => s.responseIds)).toEqual([fake]);
    expect(of('burst')[0].detail).toBe(
      `8 responses within 140 s, each less than ${DEFAULT_SIGNAL_SETTINGS.burstGapSeconds} s after the one before`,
    );
  });

  it('does not flag the honest surveyor', () => {
    const { signals } = fabricationSignals(responses, new Map());
    expect(signals.filter((s) => s.source === 'collector:surveyor:honest')).toEqual([]);
  });

  it('reports the share of failed back-checks per surveyor and channel, leaving unreachable respondents out of it', () => {
    const verdicts = latestVerdicts([
      verdict('fake-000', 'respondent-denies'),
      verdict('fake-001', 'answers-differ'),
      verdict('fake-002', 'not-reachable'),
      verdict('fake-003', 'confirmed'),
      verdict('surveyor:honest-001', 'confirmed'),
    ]);
    const { sources, signals } = fabricationSignals(responses, verdicts);
    expect(sources.find((s) => s.source === 'collector:surveyor:fabricator')).toMatchObject({ checked: 3, failed: 2, failedShare: 2 / 3 });
    expect(sources.find((s) => s.source === 'channel:paper')).toMatchObject({ responses: 20, checked: 4, failed: 2, failedShare: 0.5 });
    expect(signals.find((s) => s.kind === 'failed-back-checks' && s.source === 'collector:surveyor:fabricator')?.responseIds).toEqual([
      'fake-000',
      'fake-001',
    ]);
    expect(sources.find((s) => s.source === 'collector:surveyor:honest')?.failedShare).toBe(0);
  });
});

describe('responses re-inspected figures count', () => {
  const responses = [
    { responseId: 'r1', answers: [{ itemId: 'A1', level: 5 }] },
    { responseId: 'r2', answers: [{ itemId: 'A1', level: 5 }] },
    { responseId: 'r3', answers: [{ itemId: 'A1', level: 4 }] },
    { responseId: 'r4', answers: [{ itemId: 'A1', level: 1 }] },
  ];
  const verdicts = latestVerdicts([
    verdict('r1', 'respondent-denies'),
    verdict('r2', 'confirmed', at(0)),
    verdict('r2', 'answers-differ', at(10)),
    verdict('r3', 'not-reachable'),
  ]);

  it('leaves out denied and differing responses and keeps confirmed, unreachable and unchecked ones', () => {
    const { counted, excluded } = reinspectedResponses(responses, verdicts, 'exclude');
    expect(counted.map((c) => c.response.responseId)).toEqual(['r3', 'r4']);
    expect(excluded).toEqual(['r1', 'r2']);
  });

  it('counts the re-collected answers of a differing response in its place when asked, and the latest verdict wins', () => {
    const { counted, replaced } = reinspectedResponses(responses, verdicts, 'use-recollected');
    expect(replaced).toEqual(['r2']);
    expect(counted.find((c) => c.response.responseId === 'r2')?.answers).toEqual(ITEMS.map((itemId) => ({ itemId, level: 2 })));
    expect(responses[1].answers).toEqual([{ itemId: 'A1', level: 5 }]);
  });
});

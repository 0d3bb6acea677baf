import { EventEnvelope } from '@hailong/contracts';
import { samplePopulation } from './population';

const C = 'campaign-1';
const response = (responseId: string, extra: Record<string, unknown> = {}) => ({
  responseId,
  campaignId: C,
  unitId: 'unit-1',
  channel: 'paper',
  collectedBy: { kind: 'surveyor', id: 's-1' },
  late: false,
  ...extra,
});
const event = (type: string, data: unknown) => ({ type, data }) as unknown as EventEnvelope;

describe('the population a back-check draws from, from the log alone', () => {
  it('holds on-time responses of the campaign, less voided and corrected ones, plus the corrections', () => {
    const population = samplePopulation(
      [
        event('ResponseSubmitted', response('r1')),
        event('ResponseSubmitted', response('r2')),
        event('ResponseSubmitted', response('r3', { late: true })),
        event('ResponseSubmitted', response('r4', { campaignId: 'other' })),
        event('ResponseSubmitted', response('r5')),
        event('ResponseVoided', { responseId: 'r2', unitId: 'unit-1', campaignId: C, reason: 'x' }),
        event('ResponseCorrected', { responseId: 'r5', reason: 'x', replacement: response('r6') }),
        event('ResponseCorrected', { responseId: 'r3', reason: 'x', replacement: response('r7') }),
      ],
      C,
    );
    expect(population.map((p) => p.responseId)).toEqual(['r1', 'r6']);
    expect(population[0]).toEqual({ responseId: 'r1', unitId: 'unit-1', collector: 'surveyor:s-1', channel: 'paper' });
  });
});

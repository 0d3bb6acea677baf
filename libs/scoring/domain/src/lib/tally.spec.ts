import fc from 'fast-check';
import { tallyResponses } from './tally';

const U1 = 'u1';
const U2 = 'u2';

describe('tallyResponses', () => {
  it('counts responses per unit and valid answers per unit, item and level', () => {
    const tally = tallyResponses([
      { unitId: U1, answers: [{ itemId: 'A1', level: 5 }, { itemId: 'A2', level: null }] },
      { unitId: U1, answers: [{ itemId: 'A1', level: 5 }] },
      { unitId: U2, answers: [{ itemId: 'A1', level: 2 }] },
    ]);
    expect(Object.fromEntries(tally.responses)).toEqual({ u1: 2, u2: 1 });
    expect(tally.answers).toEqual([
      { unitId: U1, itemId: 'A1', level: 5, count: 2 },
      { unitId: U2, itemId: 'A1', level: 2, count: 1 },
    ]);
  });

  it('gives the same totals however the stream is split into batches', () => {
    const response = fc.record({
      unitId: fc.constantFrom(U1, U2),
      answers: fc.array(fc.record({ itemId: fc.constantFrom('A1', 'B1'), level: fc.option(fc.integer({ min: 1, max: 5 })) }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (responses, size) => {
        const whole = tallyResponses(responses);
        const total = (u: string) => whole.answers.filter((a) => a.unitId === u).reduce((s, a) => s + a.count, 0);
        let batched = 0;
        for (let i = 0; i < responses.length; i += size) {
          batched += tallyResponses(responses.slice(i, i + size)).answers.reduce((s, a) => s + a.count, 0);
        }
        expect(batched).toBe(total(U1) + total(U2));
      }),
    );
  });
});

import fc from 'fast-check';
import { longestIncreasingIndices, misplacedElements } from './partition-order';

describe('partition order', () => {
  it('keeps a longest increasing run', () => {
    expect([...longestIncreasingIndices([1, 2, 9, 3, 4])].sort()).toEqual([0, 1, 3, 4]);
    expect(longestIncreasingIndices([]).size).toBe(0);
  });

  it('names the two elements of a swap, each with the other', () => {
    expect(misplacedElements([1, 7, 3, 4, 5, 2, 8])).toEqual([
      { index: 1, relatedIndex: 5 },
      { index: 5, relatedIndex: 1 },
    ]);
  });

  it('names an element moved far with the one standing in its place', () => {
    expect(misplacedElements([2, 3, 4, 5, 1])).toEqual([{ index: 4, relatedIndex: 0 }]);
  });

  it('finds nothing misplaced exactly when the sequence is increasing', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 40 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const same = values.every((v, i) => v === sorted[i]);
        expect(misplacedElements(values).length === 0).toBe(same);
      }),
    );
  });
});

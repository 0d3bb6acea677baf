import { scoringDomain } from './scoring-domain';

describe('scoringDomain', () => {
  it('should work', () => {
    expect(scoringDomain()).toEqual('scoring-domain');
  });
});

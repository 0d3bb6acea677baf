import { platformAuth } from './platform-auth';

describe('platformAuth', () => {
  it('should work', () => {
    expect(platformAuth()).toEqual('platform-auth');
  });
});

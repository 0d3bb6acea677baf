import { platformPersistence } from './platform-persistence';

describe('platformPersistence', () => {
  it('should work', () => {
    expect(platformPersistence()).toEqual('platform-persistence');
  });
});

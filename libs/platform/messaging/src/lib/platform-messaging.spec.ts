import { platformMessaging } from './platform-messaging';

describe('platformMessaging', () => {
  it('should work', () => {
    expect(platformMessaging()).toEqual('platform-messaging');
  });
});

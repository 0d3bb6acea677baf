import { directoryDomain } from './directory-domain';

describe('directoryDomain', () => {
  it('should work', () => {
    expect(directoryDomain()).toEqual('directory-domain');
  });
});

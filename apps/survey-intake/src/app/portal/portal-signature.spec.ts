import { randomBytes } from 'node:crypto';
import { PortalHeaders, readSignedRequest, sign, signatureMatches, timestampFresh } from './portal-signature';

describe('portal request signatures', () => {
  const secret = randomBytes(32);
  const body = Buffer.from('{"dossierId":"H26.01-220412-0001"}');
  const request = (signature: string) => ({ keyId: 'portal-2026', timestamp: 1_650_000_000, nonce: 'n0nce-0123456789ab', signature });

  it('accepts the signature made with the same secret over the same key id, timestamp, nonce and body', () => {
    const signature = sign(secret, 'portal-2026', 1_650_000_000, 'n0nce-0123456789ab', body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signatureMatches(secret, request(signature), body)).toBe(true);
  });

  it('refuses it when the body, the nonce, the timestamp, the key id or the secret differ', () => {
    const signature = sign(secret, 'portal-2026', 1_650_000_000, 'n0nce-0123456789ab', body);
    expect(signatureMatches(secret, request(signature), Buffer.from('{"dossierId":"H26.01-220412-0002"}'))).toBe(false);
    expect(signatureMatches(secret, { ...request(signature), nonce: 'n0nce-0123456789ac' }, body)).toBe(false);
    expect(signatureMatches(secret, { ...request(signature), timestamp: 1_650_000_001 }, body)).toBe(false);
    expect(signatureMatches(secret, { ...request(signature), keyId: 'portal-2025' }, body)).toBe(false);
    expect(signatureMatches(randomBytes(32), request(signature), body)).toBe(false);
  });

  it('names the first missing or malformed header', () => {
    const headers = {
      [PortalHeaders.keyId]: 'portal-2026',
      [PortalHeaders.timestamp]: '1650000000',
      [PortalHeaders.nonce]: 'n0nce-0123456789ab',
      [PortalHeaders.signature]: `v1=${'a'.repeat(64)}`,
    };
    expect(readSignedRequest(headers)).toEqual({
      keyId: 'portal-2026',
      timestamp: 1_650_000_000,
      nonce: 'n0nce-0123456789ab',
      signature: `v1=${'a'.repeat(64)}`,
    });
    expect(readSignedRequest({ ...headers, [PortalHeaders.nonce]: 'short' })).toMatchObject({ header: PortalHeaders.nonce });
    expect(readSignedRequest({ ...headers, [PortalHeaders.timestamp]: undefined })).toMatchObject({ header: PortalHeaders.timestamp });
    expect(readSignedRequest({ ...headers, [PortalHeaders.signature]: 'A'.repeat(64) })).toMatchObject({ header: PortalHeaders.signature });
  });

  it('takes a timestamp within the allowed skew either way and refuses one beyond it', () => {
    const now = new Date(1_650_000_000_000);
    expect(timestampFresh(1_650_000_000 - 300, now, 300)).toBe(true);
    expect(timestampFresh(1_650_000_000 + 300, now, 300)).toBe(true);
    expect(timestampFresh(1_650_000_000 - 301, now, 300)).toBe(false);
    expect(timestampFresh(1_650_000_000 + 301, now, 300)).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import {
  decryptPersonalData,
  encryptPersonalData,
  personalDataFingerprint,
  RespondentKey,
  unwrapKey,
  wrapKey,
} from './personal-data.cipher';

const RESPONSE = '5b7d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const key: RespondentKey = { keyId: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f', key: randomBytes(32) };
const data = {
  contact: { name: 'Nguyễn Thị Hoa', phone: '+84912345678', email: null },
  freeText: 'Gọi 091.234.5678',
  profile: { sex: 'female' },
};

describe('personal data sealing (AES-256-GCM, node:crypto)', () => {
  it('opens what it sealed, and the sealed form holds none of the plaintext', () => {
    const sealed = encryptPersonalData(key, RESPONSE, data);
    expect(decryptPersonalData(key, RESPONSE, sealed)).toEqual(data);
    expect(JSON.stringify(sealed)).not.toMatch(/912|Hoa|female/);
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
  });

  it('uses a fresh IV each time, so the same data never seals the same way twice', () => {
    expect(encryptPersonalData(key, RESPONSE, data).ciphertext).not.toBe(encryptPersonalData(key, RESPONSE, data).ciphertext);
  });

  it('refuses another key, another response id and an altered ciphertext', () => {
    const sealed = encryptPersonalData(key, RESPONSE, data);
    expect(() => decryptPersonalData({ ...key, key: randomBytes(32) }, RESPONSE, sealed)).toThrow();
    expect(() => decryptPersonalData(key, '00000000-0000-4000-8000-000000000000', sealed)).toThrow();
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => decryptPersonalData(key, RESPONSE, { ...sealed, ciphertext: bytes.toString('base64') })).toThrow();
  });

  it('wraps a data key under the key-encryption key and only that key unwraps it', () => {
    const kek = randomBytes(32);
    const wrapped = wrapKey(kek, key.keyId, key.key);
    expect(unwrapKey(kek, key.keyId, wrapped).equals(key.key)).toBe(true);
    expect(() => unwrapKey(randomBytes(32), key.keyId, wrapped)).toThrow();
    expect(() => unwrapKey(kek, RESPONSE, wrapped)).toThrow();
  });

  it('fingerprints personal data with the respondent’s key, so the fingerprint means nothing without it', () => {
    expect(personalDataFingerprint(key, data)).toBe(personalDataFingerprint(key, { ...data }));
    expect(personalDataFingerprint(key, data)).not.toBe(personalDataFingerprint({ ...key, key: randomBytes(32) }, data));
  });
});

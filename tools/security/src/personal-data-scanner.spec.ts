import { normalizePhone, scanForPersonalData } from '@hailong/platform/testing';
import { generateKeyPairSync } from 'node:crypto';

const phones = (text: string) => scanForPersonalData(text, { kinds: ['vietnamese-phone'] }).map((f) => f.normalized);
const kinds = (text: string) => scanForPersonalData(text).map((f) => f.kind);

describe('personal-data scanner', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['091.234.5678', '+84912345678'],
    ['091-234-5678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['(+84) 912-345-678', '+84912345678'],
    ['0084 912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0387654321', '+84387654321'],
    ['0211 3862 123', '+842113862123'],
  ])('finds %s as the Vietnamese number %s', (written, e164) => {
    expect(phones(`liên hệ: ${written}.`)).toEqual([e164]);
    expect(phones(`{"phone":"${written}"}`)).toEqual([e164]);
  });

  it('finds a number in bytes, as a topic message or a log line carries it', () => {
    const bytes = Buffer.from(JSON.stringify({ level: 'info', msg: 'contact', respondent: { phone: '+84 912 345 678' } }), 'utf8');
    expect(phones(bytes.toString())).toEqual(['+84912345678']);
    expect(scanForPersonalData(new Uint8Array(bytes))).toHaveLength(1);
  });

  it('leaves alone ids, timestamps, offsets and numbers that are not Vietnamese phones', () => {
    const text = [
      '6c1f0c3e-8a43-4c1e-9d3b-091234567890',
      'offset 1764250000000',
      '2026-11-27T21:46:03.123Z',
      'code 08740, unit 0874012',
      'sha256 a0912345678b',
      'level 4 of 5, sample 0.912345678',
      '0123456789',
      'sequence 912345678',
    ].join('\n');
    expect(phones(text)).toEqual([]);
  });

  it('masks what it found, so a report of findings does not leak it again', () => {
    const [finding] = scanForPersonalData('gọi 0912345678 nhé');
    expect(finding.masked).not.toContain('0912345678');
    expect(finding.index).toBe(4);
  });

  it('finds private keys in PEM and JWK form, bearer tokens, cloud credentials and assigned passwords', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    const jwt = 'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1ieXRlcw';
    expect(kinds(pem)).toEqual(['private-key']);
    expect(kinds(jwk)).toEqual(['private-key']);
    expect(kinds(`authorization: Bearer ${jwt}`)).toEqual(['bearer-token']);
    expect(kinds('AKIAIOSFODNN7EXAMPLE')).toEqual(['cloud-credential']);
    expect(kinds(`password: "correct-horse-battery"`)).toEqual(['password-assignment']);
  });

  it('does not mistake a PEM header without a key, or an environment variable name, for a secret', () => {
    expect(kinds("@Contains('-----BEGIN PRIVATE KEY-----')")).toEqual([]);
    expect(kinds("'-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----'")).toEqual([]);
    expect(kinds("password: 'AUTH_BOOTSTRAP_ADMIN_PASSWORD'")).toEqual([]);
  });

  it('finds a PEM key written on one line with escaped newlines, as in an environment file', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const oneLine = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n');
    expect(kinds(`AUTH_SIGNING_KEY="${oneLine}"`)).toEqual(['private-key']);
  });

  it('does not mistake a public key or a key id for key material', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(kinds(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toEqual([]);
    expect(kinds(JSON.stringify(publicKey.export({ format: 'jwk' })))).toEqual([]);
    expect(kinds('{"kid":"0QvCr9V0V2nvSbJpBoZgeqQryKI8IJWzIT1CC2x4dHM"}')).toEqual([]);
  });

  it('normalises only Vietnamese numbers', () => {
    expect(normalizePhone('+1 415 555 0100')).toBeNull();
    expect(normalizePhone('091 234 5678')).toBe('+84912345678');
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { checkpointConfigFromEnv } from './checkpoint.config';

const ed25519 = () =>
  generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

describe('checkpoint configuration', () => {
  it('runs without a signing key, signing nothing and publishing no key', () => {
    expect(checkpointConfigFromEnv({})).toEqual({ signer: null, published: [], intervalSeconds: 3600 });
  });

  it('publishes the active key first and the retired keys after it, each under its thumbprint', () => {
    const active = ed25519();
    const retired = [ed25519(), ed25519()];
    const config = checkpointConfigFromEnv({
      AUDIT_CHECKPOINT_SIGNING_KEY: active.privateKey,
      AUDIT_CHECKPOINT_RETIRED_KEYS: `${retired[0].publicKey}\n${retired[1].publicKey}\n${active.publicKey}`,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    });
    expect(config.signer?.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(config.published.map((k) => k.status)).toEqual(['active', 'retired', 'retired']);
    expect(config.published[0].kid).toBe(config.signer?.keyId);
    expect(config.intervalSeconds).toBe(0);
  });

  it('accepts a PEM whose newlines were written as \\n, as some secret stores do', () => {
    const { privateKey } = ed25519();
    expect(checkpointConfigFromEnv({ AUDIT_CHECKPOINT_SIGNING_KEY: privateKey.replace(/\n/g, '\\n') }).signer).not.toBeNull();
  });

  it('stops start-up naming the variable for a key that is not Ed25519, or a bad interval', () => {
    const rsa = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(() => checkpointConfigFromEnv({ AUDIT_CHECKPOINT_SIGNING_KEY: rsa.privateKey })).toThrow(
      /^AUDIT_CHECKPOINT_SIGNING_KEY: .*Ed25519/,
    );
    expect(() => checkpointConfigFromEnv({ AUDIT_CHECKPOINT_SIGNING_KEY: 'nonsense' })).toThrow(/^AUDIT_CHECKPOINT_SIGNING_KEY/);
    expect(() => checkpointConfigFromEnv({ AUDIT_CHECKPOINT_RETIRED_KEYS: rsa.publicKey })).toThrow(
      /^AUDIT_CHECKPOINT_RETIRED_KEYS: public key 1/,
    );
    expect(() => checkpointConfigFromEnv({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '-5' })).toThrow(/^AUDIT_CHECKPOINT_INTERVAL_SECONDS/);
  });
});

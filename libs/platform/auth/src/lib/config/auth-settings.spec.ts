import { generateKeyPairSync } from 'node:crypto';
import { generateSigningKeyPair, SigningKeyPair } from '../tokens/signing-keys';
import { AuthConfigError, authConfigFromEnv } from './auth.config';
import { resolveAuthSettings } from './auth-settings';

describe('authConfigFromEnv', () => {
  it('maps the AUTH_* variables and leaves unset or empty ones out', () => {
    expect(
      authConfigFromEnv({
        AUTH_ISSUER: 'https://id.example.vn',
        AUTH_AUDIENCE: '',
        AUTH_JWKS_URL: ' http://unit-directory:3000/api/.well-known/jwks.json ',
        AUTH_TOKEN_TTL_SECONDS: '900',
      }),
    ).toEqual({
      issuer: 'https://id.example.vn',
      jwksUrl: 'http://unit-directory:3000/api/.well-known/jwks.json',
      tokenTtlSeconds: 900,
    });
  });

  it('accepts PEMs written on one line with literal \\n', async () => {
    const { publicKeyPem } = await generateSigningKeyPair();
    const oneLine = publicKeyPem.replace(/\n/g, '\\n');
    expect(
      authConfigFromEnv({ AUTH_PUBLIC_KEY: oneLine }).publicKeyPem?.trim(),
    ).toBe(publicKeyPem.trim());
  });
});

describe('resolveAuthSettings', () => {
  let keys: SigningKeyPair;

  beforeAll(async () => {
    keys = await generateSigningKeyPair();
  });

  it('applies the local defaults', async () => {
    const settings = await resolveAuthSettings({
      publicKeyPem: keys.publicKeyPem,
    });
    expect(settings).toMatchObject({
      issuer: 'hailong-local',
      audience: 'hailong',
      tokenTtlSeconds: 3600,
      signing: null,
    });
    expect(settings.verification).toHaveProperty('publicKey');
  });

  it('refuses to start without any key material, naming the variables to set', async () => {
    const error = await resolveAuthSettings({}).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AuthConfigError);
    expect((error as Error).message).toMatch(
      /AUTH_JWKS_URL.*AUTH_PUBLIC_KEY.*AUTH_SIGNING_KEY/s,
    );
  });

  it('refuses a JWKS URL and a public key together', async () => {
    await expect(
      resolveAuthSettings({
        jwksUrl: 'https://id.example.vn/jwks',
        publicKeyPem: keys.publicKeyPem,
      }),
    ).rejects.toThrow('exactly one of AUTH_JWKS_URL or AUTH_PUBLIC_KEY');
  });

  it('verifies with the public half when only the signing key is given', async () => {
    const settings = await resolveAuthSettings({
      signingKeyPem: keys.privateKeyPem,
    });
    expect(settings.verification).toHaveProperty('publicKey');
    expect(settings.signing?.kid).toBe(keys.kid);
  });

  it('uses AUTH_SIGNING_KEY_ID as kid when set', async () => {
    const settings = await resolveAuthSettings({
      signingKeyPem: keys.privateKeyPem,
      signingKeyId: '2026-11',
    });
    expect(settings.signing?.kid).toBe('2026-11');
  });

  it('refuses a public key that does not belong to the signing key', async () => {
    const other = await generateSigningKeyPair();
    await expect(
      resolveAuthSettings({
        signingKeyPem: keys.privateKeyPem,
        publicKeyPem: other.publicKeyPem,
      }),
    ).rejects.toThrow(
      'AUTH_PUBLIC_KEY is not the public half of AUTH_SIGNING_KEY',
    );
  });

  it('refuses a key that is not Ed25519', async () => {
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await expect(
      resolveAuthSettings({ publicKeyPem: publicKey }),
    ).rejects.toThrow(/AUTH_PUBLIC_KEY: Expected an Ed25519 key, got rsa/);
  });

  it('refuses a PEM that does not parse', async () => {
    const broken =
      '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
    await expect(
      resolveAuthSettings({ signingKeyPem: broken }),
    ).rejects.toThrow(/^AUTH_SIGNING_KEY: Not a PKCS8/);
  });

  it.each([
    [
      { tokenTtlSeconds: Number('soon') },
      'AUTH_TOKEN_TTL_SECONDS (tokenTtlSeconds) must be a whole number of seconds',
    ],
    [
      { tokenTtlSeconds: 10 },
      'AUTH_TOKEN_TTL_SECONDS (tokenTtlSeconds) must be at least 60 seconds',
    ],
    [
      { jwksUrl: 'ftp://id.example.vn/jwks' },
      'AUTH_JWKS_URL (jwksUrl) must be an http(s) URL',
    ],
    [
      { publicKeyPem: 'ssh-ed25519 AAAA' },
      'AUTH_PUBLIC_KEY (publicKeyPem) must be an SPKI PEM',
    ],
    [{ issuer: '' }, 'AUTH_ISSUER (issuer) must be a non-empty string'],
  ])('names the variable of a bad value: %j', async (config, message) => {
    await expect(
      resolveAuthSettings({ signingKeyPem: keys.privateKeyPem, ...config }),
    ).rejects.toThrow(message);
  });
});

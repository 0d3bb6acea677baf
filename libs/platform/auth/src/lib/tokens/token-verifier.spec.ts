import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT } from 'jose';
import { Role, Roles } from '@hailong/contracts';
import {
  generateSigningKeyPair,
  parseEd25519PrivateKey,
  parseEd25519PublicKey,
  publicJwkOf,
  SigningKeyPair,
} from './signing-keys';
import { issueTestToken } from './test-tokens';
import { TokenVerificationError, TokenVerifier } from './token-verifier';

async function rejection(
  promise: Promise<unknown>,
): Promise<TokenVerificationError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the token to be rejected');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenVerificationError);
  return error as TokenVerificationError;
}

describe('TokenVerifier with a configured public key', () => {
  let keys: SigningKeyPair;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    keys = await generateSigningKeyPair();
    verifier = new TokenVerifier({
      publicKey: keys.publicKeyPem,
      issuer: 'iss-1',
      audience: 'aud-1',
    });
  });

  const sign = (claims: Parameters<typeof issueTestToken>[1], options = {}) =>
    issueTestToken(keys.privateKeyPem, claims, {
      issuer: 'iss-1',
      audience: 'aud-1',
      ...options,
    });

  it('reads id, roles, unit and name from the claims', async () => {
    const token = await sign({
      sub: 'acc-1',
      roles: [Roles.auditor],
      unitId: 'unit-9',
      name: 'Trần Thị B',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'acc-1',
      roles: ['auditor'],
      unitId: 'unit-9',
      name: 'Trần Thị B',
    });
  });

  it('drops role strings the platform does not define, and duplicates', async () => {
    const roles = [
      'superuser',
      Roles.viewer,
      Roles.viewer,
    ] as unknown as Role[];
    const actor = await verifier.verify(await sign({ sub: 'acc-1', roles }));
    expect(actor.roles).toEqual(['viewer']);
  });

  it('gives a null unit and no name when the token carries neither', async () => {
    const actor = await verifier.verify(
      await sign({ sub: 'acc-1', roles: [Roles.admin] }),
    );
    expect(actor).toEqual({ id: 'acc-1', roles: ['admin'], unitId: null });
  });

  it('treats a roles claim that is not an array as no roles', async () => {
    const token = await new SignJWT({ roles: 'admin' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('acc-1')
      .setIssuer('iss-1')
      .setAudience('aud-1')
      .setExpirationTime('5m')
      .sign(parseEd25519PrivateKey(keys.privateKeyPem));
    await expect(verifier.verify(token)).resolves.toMatchObject({ roles: [] });
  });

  it('rejects a token without exp as invalid', async () => {
    const token = await new SignJWT({ roles: [Roles.admin] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('acc-1')
      .setIssuer('iss-1')
      .setAudience('aud-1')
      .sign(parseEd25519PrivateKey(keys.privateKeyPem));
    expect((await rejection(verifier.verify(token))).reason).toBe('invalid');
  });

  it('rejects a token without sub as invalid', async () => {
    const token = await new SignJWT({ roles: [Roles.admin] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('iss-1')
      .setAudience('aud-1')
      .setExpirationTime('5m')
      .sign(parseEd25519PrivateKey(keys.privateKeyPem));
    expect((await rejection(verifier.verify(token))).reason).toBe('invalid');
  });

  it('rejects an unsigned (alg "none") token', async () => {
    const token = new UnsecuredJWT({ roles: [Roles.admin] })
      .setSubject('acc-1')
      .setIssuer('iss-1')
      .setAudience('aud-1')
      .setExpirationTime('5m')
      .encode();
    expect((await rejection(verifier.verify(token))).reason).not.toBe(
      'expired',
    );
  });

  it('calls garbage malformed', async () => {
    expect((await rejection(verifier.verify('not-a-jwt'))).reason).toBe(
      'malformed',
    );
  });

  it('calls an expired token expired', async () => {
    const token = await sign(
      { sub: 'acc-1', roles: [Roles.admin] },
      { expiresInSeconds: -60 },
    );
    expect((await rejection(verifier.verify(token))).reason).toBe('expired');
  });

  it('calls a wrong issuer or audience invalid', async () => {
    const wrongIssuer = await sign(
      { sub: 'a', roles: [] },
      { issuer: 'iss-2' },
    );
    const wrongAudience = await sign(
      { sub: 'a', roles: [] },
      { audience: 'aud-2' },
    );
    expect((await rejection(verifier.verify(wrongIssuer))).reason).toBe(
      'invalid',
    );
    expect((await rejection(verifier.verify(wrongAudience))).reason).toBe(
      'invalid',
    );
  });

  it('checks neither issuer nor audience when none is configured', async () => {
    const lenient = new TokenVerifier({
      publicKey: parseEd25519PublicKey(keys.publicKeyPem),
    });
    const token = await sign(
      { sub: 'acc-1', roles: [] },
      { issuer: 'x', audience: 'y' },
    );
    await expect(lenient.verify(token)).resolves.toMatchObject({ id: 'acc-1' });
  });

  it('needs exactly one key source', () => {
    expect(() => new TokenVerifier({})).toThrow(
      'exactly one of jwksUrl or publicKey',
    );
    expect(
      () =>
        new TokenVerifier({
          publicKey: keys.publicKeyPem,
          jwksUrl: 'http://127.0.0.1/jwks',
        }),
    ).toThrow('exactly one of jwksUrl or publicKey');
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  let keys: SigningKeyPair;
  let server: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    keys = await generateSigningKeyPair();
    const jwk = {
      ...publicJwkOf(parseEd25519PublicKey(keys.publicKeyPem)),
      kid: keys.kid,
      use: 'sig',
      alg: 'EdDSA',
    };
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('verifies a token signed by a key the JWKS publishes', async () => {
    const verifier = new TokenVerifier({
      jwksUrl,
      issuer: 'hailong-local',
      audience: 'hailong',
    });
    const token = await issueTestToken(keys.privateKeyPem, {
      sub: 'acc-1',
      roles: [Roles.surveyor],
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      id: 'acc-1',
      roles: ['surveyor'],
    });
  });

  it('rejects a token whose kid the JWKS does not publish', async () => {
    const stranger = await generateSigningKeyPair();
    const verifier = new TokenVerifier({ jwksUrl });
    const token = await issueTestToken(stranger.privateKeyPem, {
      sub: 'acc-1',
      roles: [Roles.surveyor],
    });
    expect((await rejection(verifier.verify(token))).reason).toBe('invalid');
  });

  it('lets an unreachable JWKS surface as an ordinary error, not a token rejection', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
    });
    const token = await issueTestToken(keys.privateKeyPem, {
      sub: 'acc-1',
      roles: [Roles.surveyor],
    });
    const error = await verifier
      .verify(token)
      .catch((reason: unknown) => reason);
    // fetch's TypeError comes from Node's realm, so compare by name rather than instanceof.
    expect(error).toMatchObject({ name: 'TypeError' });
    expect(error).not.toBeInstanceOf(TokenVerificationError);
  });
});

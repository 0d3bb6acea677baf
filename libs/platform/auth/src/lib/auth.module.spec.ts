import { Test } from '@nestjs/testing';
import { AuthModule } from './auth.module';
import { AUTH_SETTINGS } from './auth.constants';
import { AuthSettings } from './config/auth-settings';
import { generateSigningKeyPair } from './tokens/signing-keys';
import { TokenVerifier } from './tokens/token-verifier';

describe('AuthModule.forRoot', () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it('fails the start-up when no key material is configured', async () => {
    delete process.env['AUTH_JWKS_URL'];
    delete process.env['AUTH_PUBLIC_KEY'];
    delete process.env['AUTH_SIGNING_KEY'];
    await expect(
      Test.createTestingModule({ imports: [AuthModule.forRoot()] }).compile(),
    ).rejects.toThrow('No token verification key configured');
  });

  it('reads the AUTH_* variables when given no configuration', async () => {
    const { publicKeyPem } = await generateSigningKeyPair();
    process.env['AUTH_PUBLIC_KEY'] = publicKeyPem;
    process.env['AUTH_AUDIENCE'] = 'from-env';
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot()],
    }).compile();
    expect(moduleRef.get<AuthSettings>(AUTH_SETTINGS).audience).toBe(
      'from-env',
    );
    expect(moduleRef.get(TokenVerifier)).toBeInstanceOf(TokenVerifier);
  });

  it('ignores the environment when given a configuration', async () => {
    const { publicKeyPem } = await generateSigningKeyPair();
    process.env['AUTH_JWKS_URL'] = 'https://id.example.vn/jwks';
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ publicKeyPem })],
    }).compile();
    expect(
      moduleRef.get<AuthSettings>(AUTH_SETTINGS).verification,
    ).toHaveProperty('publicKey');
  });
});

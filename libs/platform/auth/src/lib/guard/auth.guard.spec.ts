import {
  Controller,
  ExecutionContext,
  Get,
  INestApplication,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Role, Roles } from '@hailong/contracts';
import { AuthModule } from '../auth.module';
import { SigningKeyPair, generateSigningKeyPair } from '../tokens/signing-keys';
import { issueTestToken, TestTokenOptions } from '../tokens/test-tokens';
import { TokenVerifier } from '../tokens/token-verifier';
import { Actor } from '../tokens/actor';
import { AuthGuard } from './auth.guard';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';
import { AllowRoles } from './roles.decorator';

@Controller('probe')
class ProbeController {
  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }

  @AllowRoles(Roles.surveyor, Roles.campaignManager)
  @Get('surveying')
  surveying(@CurrentActor() actor: Actor) {
    return actor;
  }
}

@AllowRoles(Roles.viewer)
@Controller('reports')
class ReportsController {
  @Get()
  list() {
    return { reports: [] };
  }

  @Public()
  @Get('summary')
  summary() {
    return { summary: true };
  }
}

const ISSUER = 'test-issuer';
const AUDIENCE = 'test-audience';

async function startApp(config: Parameters<typeof AuthModule.forRoot>[0]) {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(config)],
    controllers: [ProbeController, ReportsController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function get(
  app: INestApplication,
  path: string,
  authorization?: string,
) {
  const response = await fetch(`${await app.getUrl()}${path}`, {
    headers: authorization ? { authorization } : {},
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('AuthGuard (through HTTP)', () => {
  let keys: SigningKeyPair;
  let strangerKeys: SigningKeyPair;
  let app: INestApplication;

  const bearer = async (
    roles: Role[],
    options: TestTokenOptions = {},
    pem = keys.privateKeyPem,
  ) =>
    `Bearer ${await issueTestToken(
      pem,
      { sub: 'staff-1', roles, unitId: 'unit-1', name: 'Nguyễn Văn A' },
      { issuer: ISSUER, audience: AUDIENCE, ...options },
    )}`;

  beforeAll(async () => {
    [keys, strangerKeys] = await Promise.all([
      generateSigningKeyPair(),
      generateSigningKeyPair(),
    ]);
    app = await startApp({
      publicKeyPem: keys.publicKeyPem,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets anyone reach a @Public() endpoint without a token', async () => {
    expect(await get(app, '/probe/open')).toEqual({
      status: 200,
      body: { open: true },
    });
  });

  it('closes an endpoint that declares no roles, even to an admin', async () => {
    const { status, body } = await get(
      app,
      '/probe/undeclared',
      await bearer([Roles.admin]),
    );
    expect(status).toBe(403);
    expect(body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringContaining('declares no roles'),
      messageVi: expect.stringContaining('chưa khai báo vai trò'),
    });
  });

  it('answers 401 with the bilingual body when the token is missing', async () => {
    const { status, body } = await get(app, '/probe/surveying');
    expect(status).toBe(401);
    expect(body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('bearer token is required'),
      messageVi: expect.stringContaining('Cần mã truy cập'),
    });
  });

  it.each([
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['a bearer value that is not a JWT', 'Bearer not-a-jwt'],
    ['a bearer value with spaces', 'Bearer a b'],
  ])('answers 401 for %s', async (_case, authorization) => {
    const { status, body } = await get(app, '/probe/surveying', authorization);
    expect(status).toBe(401);
    expect(body['error']).toBe('Unauthorized');
  });

  it('answers 401 when the token is signed by another key', async () => {
    const authorization = await bearer(
      [Roles.surveyor],
      {},
      strangerKeys.privateKeyPem,
    );
    const { status, body } = await get(app, '/probe/surveying', authorization);
    expect(status).toBe(401);
    expect(body['message']).toBe('The bearer token is not valid');
  });

  it('answers 401 saying so when the token has expired', async () => {
    const authorization = await bearer([Roles.surveyor], {
      expiresInSeconds: -60,
    });
    const { status, body } = await get(app, '/probe/surveying', authorization);
    expect(status).toBe(401);
    expect(body).toMatchObject({
      message: 'The bearer token has expired',
      messageVi: 'Mã truy cập đã hết hạn',
    });
  });

  it('answers 401 for a token from another issuer', async () => {
    const authorization = await bearer([Roles.surveyor], {
      issuer: 'someone-else',
    });
    expect((await get(app, '/probe/surveying', authorization)).status).toBe(
      401,
    );
  });

  it('answers 401 for a token meant for another audience', async () => {
    const authorization = await bearer([Roles.surveyor], {
      audience: 'another-platform',
    });
    expect((await get(app, '/probe/surveying', authorization)).status).toBe(
      401,
    );
  });

  it('answers 403 naming the roles when the token lacks all of them', async () => {
    const { status, body } = await get(
      app,
      '/probe/surveying',
      await bearer([Roles.viewer]),
    );
    expect(status).toBe(403);
    expect(body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message:
        'This endpoint requires one of the roles: surveyor, campaign-manager',
      messageVi:
        'Điểm truy cập này yêu cầu một trong các vai trò: surveyor, campaign-manager',
    });
  });

  it('does not let admin through an endpoint that does not list admin', async () => {
    expect(
      (await get(app, '/probe/surveying', await bearer([Roles.admin]))).status,
    ).toBe(403);
  });

  it('admits a holder of one listed role and hands the actor to the handler', async () => {
    const { status, body } = await get(
      app,
      '/probe/surveying',
      await bearer([Roles.campaignManager]),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      id: 'staff-1',
      roles: ['campaign-manager'],
      unitId: 'unit-1',
      name: 'Nguyễn Văn A',
    });
  });

  it('applies controller-level roles to handlers that declare nothing themselves', async () => {
    expect(
      (await get(app, '/reports', await bearer([Roles.viewer]))).status,
    ).toBe(200);
    expect(
      (await get(app, '/reports', await bearer([Roles.surveyor]))).status,
    ).toBe(403);
  });

  it('lets a handler-level @Public() override its controller roles', async () => {
    expect(await get(app, '/reports/summary')).toEqual({
      status: 200,
      body: { summary: true },
    });
  });
});

describe('AuthGuard outside HTTP', () => {
  it('lets non-HTTP contexts (Kafka consumers on a custom transport) through untouched', async () => {
    const { publicKeyPem } = await generateSigningKeyPair();
    const guard = new AuthGuard(
      new Reflector(),
      new TokenVerifier({ publicKey: publicKeyPem }),
    );
    const rpcContext = { getType: () => 'rpc' } as unknown as ExecutionContext;
    await expect(guard.canActivate(rpcContext)).resolves.toBe(true);
  });
});

describe('AuthGuard when the JWKS endpoint is unreachable', () => {
  let app: INestApplication;
  let keys: SigningKeyPair;

  beforeAll(async () => {
    keys = await generateSigningKeyPair();
    // Port 9 (discard) on loopback: nothing listens, so the fetch fails fast.
    app = await startApp({
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 503 (our fault, not the caller’s) rather than 401 or 500', async () => {
    const token = await issueTestToken(
      keys.privateKeyPem,
      { sub: 'staff-1', roles: [Roles.surveyor] },
      { issuer: ISSUER, audience: AUDIENCE },
    );
    const { status, body } = await get(
      app,
      '/probe/surveying',
      `Bearer ${token}`,
    );
    expect(status).toBe(503);
    expect(body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
    });
  });
});

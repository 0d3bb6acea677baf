import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Client, ClientConfig } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { Roles } from '@hailong/contracts';
import { BootstrapAdminService } from './local-accounts/bootstrap-admin.service';
import { LocalAccountsModule } from './local-accounts/local-accounts.module';
import { LocalAccountsService } from './local-accounts/local-accounts.service';
import { createStaffAccountsMigration } from './local-accounts/staff-accounts.migration';
import { generateSigningKeyPair } from './tokens/signing-keys';
import { TokenVerifier } from './tokens/token-verifier';

jest.setTimeout(30_000);

const SCHEMA = 'directory';
const ADMIN_PASSWORD = 'mật khẩu quản trị 2026';
const server: ClientConfig = {
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  user: process.env['PGUSER'] ?? 'postgres',
  password: process.env['PGPASSWORD'],
};

/** Stands in for the host service's first migration, which owns its schema. */
class CreateDirectorySchema1764200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "${SCHEMA}"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  }
}

async function withClient<T>(
  database: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ ...server, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('LocalAccountsModule against PostgreSQL', () => {
  const database = `auth_it_${randomBytes(6).toString('hex')}`;
  let app: INestApplication;
  let baseUrl: string;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const login = async (username: string, password: string) => {
    const { status, body } = await call('POST', '/auth/token', {
      username,
      password,
    });
    expect(status).toBe(200);
    return body['accessToken'] as string;
  };
  const rowsOf = (sql: string, params: unknown[] = []) =>
    withClient(
      database,
      async (client) => (await client.query(sql, params)).rows,
    );

  beforeAll(async () => {
    await withClient('postgres', (client) =>
      client.query(`CREATE DATABASE ${database}`),
    );
    // TypeORM keeps its migrations table in the DataSource schema, so the schema has to exist
    // before the first migration runs; a host service must arrange the same.
    await withClient(database, (client) =>
      client.query(`CREATE SCHEMA "${SCHEMA}"`),
    );
    const keys = await generateSigningKeyPair();
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          host: server.host,
          port: server.port,
          username: server.user,
          password: server.password as string | undefined,
          database,
          schema: SCHEMA,
          autoLoadEntities: true,
          migrations: [
            CreateDirectorySchema1764200000000,
            createStaffAccountsMigration(SCHEMA),
          ],
          migrationsRun: true,
        }),
        LocalAccountsModule.forRoot({
          auth: { signingKeyPem: keys.privateKeyPem },
          bootstrapAdmin: { username: 'Root.Admin', password: ADMIN_PASSWORD },
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await withClient('postgres', (client) =>
      client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
    );
  });

  it('creates staff_accounts in the host schema, holding argon2id hashes', async () => {
    const rows = await rowsOf(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'staff_accounts'`,
    );
    expect(rows).toEqual([{ table_schema: SCHEMA }]);
    const [admin] = await rowsOf(
      `SELECT username, roles, password_hash FROM ${SCHEMA}.staff_accounts`,
    );
    expect(admin).toMatchObject({ username: 'root.admin', roles: ['admin'] });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('logs the bootstrap admin in (username case-insensitive) and says who they are', async () => {
    const { status, headers, body } = await call('POST', '/auth/token', {
      username: 'ROOT.ADMIN',
      password: ADMIN_PASSWORD,
    });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
    });

    const me = await call(
      'GET',
      '/auth/me',
      undefined,
      body['accessToken'] as string,
    );
    expect(me).toMatchObject({
      status: 200,
      body: {
        id: expect.any(String),
        roles: ['admin'],
        unitId: null,
        name: 'Quản trị viên',
      },
    });
  });

  it('lets an admin create an account that can then log in with its roles and unit', async () => {
    const adminToken = await login('root.admin', ADMIN_PASSWORD);
    const unitId = '0b7a3c1e-5d0f-4c52-9a47-2f8f3b1d6e90';
    const created = await call(
      'POST',
      '/auth/accounts',
      {
        username: 'Khao.Sat.Vien',
        password: 'khảo sát an toàn',
        displayName: 'Lê Văn Khảo',
        roles: [Roles.surveyor],
        unitId,
      },
      adminToken,
    );
    expect(created).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        username: 'khao.sat.vien',
        roles: ['surveyor'],
        unitId,
      },
    });

    const me = await call(
      'GET',
      '/auth/me',
      undefined,
      await login('khao.sat.vien', 'khảo sát an toàn'),
    );
    expect(me.body).toEqual({
      id: created.body['id'],
      roles: ['surveyor'],
      unitId,
      name: 'Lê Văn Khảo',
    });
  });

  it('answers 403 when a non-admin tries to create an account', async () => {
    const surveyorToken = await login('khao.sat.vien', 'khảo sát an toàn');
    const { status, body } = await call(
      'POST',
      '/auth/accounts',
      {
        username: 'sneaky',
        password: 'x'.repeat(12),
        displayName: 'X',
        roles: [Roles.admin],
      },
      surveyorToken,
    );
    expect(status).toBe(403);
    expect(body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      messageVi: expect.any(String),
    });
  });

  it('answers 409 for a username that exists, whatever its case', async () => {
    const adminToken = await login('root.admin', ADMIN_PASSWORD);
    const { status, body } = await call(
      'POST',
      '/auth/accounts',
      {
        username: 'KHAO.sat.vien',
        password: 'y'.repeat(12),
        displayName: 'Y',
        roles: [Roles.viewer],
      },
      adminToken,
    );
    expect(status).toBe(409);
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'The username "khao.sat.vien" is already taken',
      messageVi: 'Tên đăng nhập "khao.sat.vien" đã được sử dụng',
    });
  });

  it('answers the same 401 for a wrong password and for an unknown user', async () => {
    const wrongPassword = await call('POST', '/auth/token', {
      username: 'root.admin',
      password: 'wrong',
    });
    const unknownUser = await call('POST', '/auth/token', {
      username: 'nobody',
      password: 'wrong',
    });
    const expected = {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Wrong username or password',
      messageVi: 'Sai tên đăng nhập hoặc mật khẩu',
    };
    expect(wrongPassword).toMatchObject({ status: 401, body: expected });
    expect(unknownUser).toMatchObject({ status: 401, body: expected });
  });

  it('answers 400 naming the missing field', async () => {
    const { status, body } = await call('POST', '/auth/token', {
      username: 'root.admin',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('password'),
      messageVi: expect.stringContaining('password'),
      fields: [{ field: 'password', reasons: expect.any(Array) }],
    });
  });

  it.each([
    ['no body', undefined],
    ['a JSON array', []],
    ['a JSON string', 'root.admin'],
  ])('answers 400, never 500, for %s', async (_case, body) => {
    const { status, body: answer } = await call('POST', '/auth/token', body);
    expect(status).toBe(400);
    expect(answer).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers 400 for JSON that does not parse', async () => {
    const response = await fetch(`${baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(response.status).toBe(400);
  });

  it('answers 400 naming the field when a new password is shorter than 12 characters', async () => {
    const adminToken = await login('root.admin', ADMIN_PASSWORD);
    const { status, body } = await call(
      'POST',
      '/auth/accounts',
      {
        username: 'ngan',
        password: 'short',
        displayName: 'Ngắn',
        roles: [Roles.viewer],
      },
      adminToken,
    );
    expect(status).toBe(400);
    expect(body['fields']).toEqual([
      {
        field: 'password',
        reasons: ['password must be longer than or equal to 12 characters'],
      },
    ]);
  });

  it('publishes a JWKS that verifies the tokens it issues', async () => {
    const { status, body } = await call('GET', '/.well-known/jwks.json');
    expect(status).toBe(200);
    expect(body['keys']).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String),
        kid: expect.any(String),
        use: 'sig',
        alg: 'EdDSA',
      },
    ]);

    const verifier = new TokenVerifier({
      jwksUrl: `${baseUrl}/.well-known/jwks.json`,
      issuer: 'hailong-local',
      audience: 'hailong',
    });
    await expect(
      verifier.verify(await login('root.admin', ADMIN_PASSWORD)),
    ).resolves.toMatchObject({
      roles: ['admin'],
    });
  });

  it('refuses to log in a disabled account', async () => {
    await rowsOf(
      `UPDATE ${SCHEMA}.staff_accounts SET disabled = true WHERE username = 'khao.sat.vien'`,
    );
    const { status } = await call('POST', '/auth/token', {
      username: 'khao.sat.vien',
      password: 'khảo sát an toàn',
    });
    expect(status).toBe(401);
  });

  it('leaves an existing bootstrap admin untouched on restart', async () => {
    await expect(app.get(BootstrapAdminService).ensureAdmin()).resolves.toBe(
      false,
    );
    expect(
      await rowsOf(
        `SELECT 1 FROM ${SCHEMA}.staff_accounts WHERE username = 'root.admin'`,
      ),
    ).toHaveLength(1);
    await login('root.admin', ADMIN_PASSWORD);
  });

  it('creates an account once when two processes bootstrap it at the same moment', async () => {
    const accounts = app.get(LocalAccountsService);
    const admin = {
      username: 'song.song',
      password: 'z'.repeat(12),
      displayName: 'Song song',
      roles: [Roles.admin],
      unitId: null,
    };
    const results = await Promise.all([
      accounts.createIfAbsent(admin),
      accounts.createIfAbsent(admin),
    ]);
    expect([...results].sort()).toEqual([false, true]);
    expect(
      await rowsOf(
        `SELECT 1 FROM ${SCHEMA}.staff_accounts WHERE username = 'song.song'`,
      ),
    ).toHaveLength(1);
  });
});

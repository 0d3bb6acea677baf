import { Role } from '@hailong/contracts';
import { generateSigningKeyPair, issueTestToken } from '@hailong/platform/auth';
import { createTestDatabase, ServiceApp, ServiceProcess, TestDatabase, testBrokers, uniqueTopicPrefix } from '@hailong/platform/testing';

/** The four services as separate processes on one fresh database and their own topics. */
export class TestPlatform {
  readonly services: Record<ServiceApp, ServiceProcess>;
  private privateKeyPem = '';

  private constructor(
    readonly db: TestDatabase,
    readonly topicPrefix: string,
    private readonly env: NodeJS.ProcessEnv,
    basePort: number,
  ) {
    const apps: ServiceApp[] = ['unit-directory', 'survey-intake', 'scoring', 'audit'];
    this.services = Object.fromEntries(apps.map((app, i) => [app, new ServiceProcess(app, basePort + i, env)])) as Record<
      ServiceApp,
      ServiceProcess
    >;
  }

  static async start(label: string, basePort: number): Promise<TestPlatform> {
    const db = await createTestDatabase(label);
    const keys = await generateSigningKeyPair();
    // The audit signs ledger checkpoints with a key of its own, as in production.
    const checkpointKeys = await generateSigningKeyPair();
    const topicPrefix = uniqueTopicPrefix(label);
    const platform = new TestPlatform(
      db,
      topicPrefix,
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testBrokers(),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        KAFKA_PARTITIONS: '3',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        OUTBOX_IDLE_MS: '100',
        AUTH_SIGNING_KEY: keys.privateKeyPem,
        AUTH_PUBLIC_KEY: keys.publicKeyPem,
        AUTH_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'e2e-admin-password-long',
        AUDIT_CHECKPOINT_SIGNING_KEY: checkpointKeys.privateKeyPem,
      },
      basePort,
    );
    platform.privateKeyPem = keys.privateKeyPem;
    // The directory first: it creates the database's first schema and the topics.
    await platform.services['unit-directory'].start();
    await Promise.all((['survey-intake', 'scoring', 'audit'] as const).map((app) => platform.services[app].start()));
    return platform;
  }

  /** A short-lived token of one role; with `unitId`, a staff member tied to that unit. */
  token(role: Role, id = `${role}-1`, unitId?: string): Promise<string> {
    return issueTestToken(this.privateKeyPem, { sub: id, roles: [role], ...(unitId ? { unitId } : {}) });
  }

  async call(
    app: ServiceApp,
    method: string,
    path: string,
    options: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    return callService(this.services[app], method, path, options);
  }

  /** One more process of a service on this platform's database and topics (say, a second directory). */
  extraProcess(app: ServiceApp, port: number, env: NodeJS.ProcessEnv = {}): ServiceProcess {
    return new ServiceProcess(app, port, { ...this.env, ...env });
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.stop('SIGTERM')));
    await this.db.drop();
  }
}

/** A JSON call to a running service; the body parsed, the headers kept. */
export async function callService(
  service: ServiceProcess,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

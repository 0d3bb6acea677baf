import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceApp, ServiceProcess } from '@hailong/platform/testing';
// The four services as processes on a fresh database and topic prefix, as the platform's own e2e specs
// start them: reused rather than copied. (It lives in an app; in @hailong/platform/testing it could be
// imported by name, and this exception would go.)
// eslint-disable-next-line @nx/enforce-module-boundaries
import { callService, TestPlatform } from '../../platform-e2e/src/platform';

export const ADMIN = { username: 'admin', password: 'e2e-admin-password-long' };

/** The Vĩnh Phúc reference data, imported as `npm start` imports it (tools/dev/seed-demo.cjs). */
const reference = (file: string) => readFileSync(join(process.cwd(), 'data', 'reference', file), 'utf8');
const IMPORTS: [string, Record<string, unknown>][] = [
  ['admin-units', { csv: reference('vinh-phuc-admin-units-pre2025.csv'), validFrom: '2020-01-01' }],
  ['commune-mergers', { csv: reference('vinh-phuc-commune-mergers-2024.csv'), effectiveDate: '2025-01-01' }],
  ['district-dissolution', { provinceCode: '26', effectiveDate: '2025-03-01' }],
  ['province-reorganization', { csv: reference('vinh-phuc-commune-reorganization-2025-07-01.csv'), effectiveDate: '2025-07-01' }],
];

/** The platform behind the gateway: what a browser reaches at one origin. */
export class WebPlatform {
  private constructor(
    readonly platform: TestPlatform,
    readonly gateway: ServiceProcess,
  ) {}

  /** Services on basePort+1…+4, the gateway on basePort. */
  static async start(label: string, basePort: number): Promise<WebPlatform> {
    const platform = await TestPlatform.start(label, basePort + 1);
    const { services } = platform;
    // ServiceProcess starts dist/apps/<app>/main.js and waits for /health/ready, which the gateway has too;
    // its type names only the four services, hence the cast.
    const gateway = new ServiceProcess('gateway' as ServiceApp, basePort, {
      DIRECTORY_URL: services['unit-directory'].url,
      INTAKE_URL: services['survey-intake'].url,
      SCORING_URL: services['scoring'].url,
      AUDIT_URL: services['audit'].url,
    });
    try {
      await gateway.start();
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return new WebPlatform(platform, gateway);
  }

  get url(): string {
    return this.gateway.url;
  }

  /** Imports the reference files through the gateway, as an admin signed in at /auth/token. */
  async importVinhPhuc(): Promise<void> {
    const signIn = await callService(this.gateway, 'POST', '/auth/token', { body: ADMIN });
    if (signIn.status !== 200) throw new Error(`sign-in through the gateway failed: ${JSON.stringify(signIn.body)}`);
    for (const [kind, body] of IMPORTS) {
      const reply = await callService(this.gateway, 'POST', `/api/directory/imports/${kind}`, { token: signIn.body.accessToken, body });
      if (reply.status !== 200) throw new Error(`import ${kind} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
  }

  /** A directory answer, read through the gateway as the admin: what the screens should show. */
  async directory(path: string) {
    const signIn = await callService(this.gateway, 'POST', '/auth/token', { body: ADMIN });
    return callService(this.gateway, 'GET', `/api/directory${path}`, { token: signIn.body.accessToken });
  }

  async stop(): Promise<void> {
    await this.gateway.stop('SIGTERM');
    await this.platform.stop();
  }
}

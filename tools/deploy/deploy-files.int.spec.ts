// The deployment files, checked offline: docker-compose.yml against the Compose schema, the
// Kubernetes base for what every workload needs, and tools/deploy/make-env.sh against the services'
// own auth configuration. Every check also gets a broken copy, so it is known to be able to fail.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authConfigFromEnv, resolveAuthSettings } from '@hailong/platform/auth';
import * as deploy from './validate.cjs';

type Compose = { services: Record<string, Record<string, unknown>> } & Record<string, unknown>;
type K8sObject = {
  kind: string;
  metadata: { name: string };
  spec?: { template?: { spec?: { securityContext?: Record<string, unknown>; containers: Container[] } } };
  data?: Record<string, string>;
};
type Container = Record<string, unknown> & {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  env?: { name: string; value?: string }[];
};

const copy = <T>(value: T): T => structuredClone(value);
const firstContainer = (objects: K8sObject[], name: string): Container => {
  const deployment = objects.find((object) => object.kind === 'Deployment' && object.metadata.name === name);
  const container = deployment?.spec?.template?.spec?.containers[0];
  if (!container) throw new Error(`no Deployment ${name} with a container`);
  return container;
};

describe('docker-compose.yml', () => {
  const compose = deploy.readCompose() as Compose;
  const schemaProblems = deploy.composeSchemaValidator();

  it('is valid against the Compose specification schema', () => {
    expect(schemaProblems(compose)).toEqual([]);
  });

  it('rejects an unknown field (schema check can fail)', () => {
    const broken = { ...copy(compose), servicez: {} };
    expect(schemaProblems(broken)).toEqual([expect.stringContaining('"servicez"')]);
    const typo = copy(compose);
    typo.services['kafka'] = { ...typo.services['kafka'], imagee: 'apache/kafka:4.3.1' };
    expect(schemaProblems(typo)).toEqual([expect.stringMatching(/\/services\/kafka .*"imagee"/)]);
  });

  it('rejects a wrong type (schema check can fail)', () => {
    const broken = copy(compose);
    broken.services['postgres'] = { ...broken.services['postgres'], ports: 5432 };
    expect(schemaProblems(broken)).toEqual(['/services/postgres/ports must be array']);
  });

  it('builds every service from an app that exists under apps/', () => {
    expect(deploy.composeBuildProblems(compose)).toEqual([]);
  });

  it('rejects a build naming an app that does not exist', () => {
    const broken = copy(compose);
    broken.services['scoring'] = { ...broken.services['scoring'], build: { context: '.', args: { APP: 'scorring' } } };
    expect(deploy.composeBuildProblems(broken)).toEqual([expect.stringContaining('APP=scorring')]);
  });

  it('runs the Kafka version of tools/kafka/kafka.sh, keeping events forever and creating no topic implicitly', () => {
    expect(deploy.composeKafkaProblems(compose)).toEqual([]);
    const broken = copy(compose);
    broken.services['kafka'] = {
      ...broken.services['kafka'],
      image: 'apache/kafka:3.9.1',
      environment: { ...(broken.services['kafka']['environment'] as object), KAFKA_LOG_RETENTION_MS: '604800000' },
    };
    expect(deploy.composeKafkaProblems(broken)).toEqual([
      expect.stringContaining('apache/kafka:3.9.1'),
      expect.stringContaining('KAFKA_LOG_RETENTION_MS'),
    ]);
  });
});

describe('.dockerignore', () => {
  it('keeps .env, dependencies, build output and local state out of the build context', () => {
    expect(deploy.dockerignoreProblems()).toEqual([]);
    const withoutEnv = fs
      .readFileSync(path.join(__dirname, '..', '..', '.dockerignore'), 'utf8')
      .replace(/^\.env$/m, '');
    expect(deploy.dockerignoreProblems(withoutEnv)).toEqual(['.dockerignore does not exclude .env']);
  });
});

describe('k8s/base', () => {
  const kubectl = deploy.hasKubectl();
  const { objects, renderedBy } = deploy.loadKustomization(deploy.PATHS.k8sBase, { useKubectl: kubectl }) as {
    objects: K8sObject[];
    renderedBy: string;
  };
  const names = (list: K8sObject[], kinds: string[]) =>
    list
      .filter((object) => kinds.includes(object.kind))
      .map((object) => `${object.kind}/${object.metadata.name}`)
      .sort();

  it(`deploys every buildable app, as compose does (${renderedBy})`, () => {
    const apps = deploy.deployableApps();
    expect(apps.length).toBeGreaterThan(0);
    expect(deploy.composeApps(deploy.readCompose())).toEqual(apps);
    expect(names(objects, ['Deployment'])).toEqual(apps.map((app) => `Deployment/${app}`).sort());
    expect(names(objects, ['Service'])).toEqual(apps.map((app) => `Service/${app}`).sort());
  });

  it('gives every Deployment a readiness probe on /health/ready and a liveness probe on /health/live', () => {
    expect(deploy.probeProblems(objects)).toEqual([]);
    const broken = copy(objects);
    delete firstContainer(broken, 'scoring')['readinessProbe'];
    (firstContainer(broken, 'audit')['livenessProbe'] as { httpGet: { path: string } }).httpGet.path = '/health/ready';
    expect(deploy.probeProblems(broken).sort()).toEqual([
      expect.stringMatching(/audit.*livenessProbe does not GET \/health\/live/),
      expect.stringMatching(/scoring.*no readinessProbe/),
    ]);
  });

  it('gives every Deployment resource requests and limits', () => {
    expect(deploy.resourceProblems(objects)).toEqual([]);
    const broken = copy(objects);
    delete firstContainer(broken, 'survey-intake').resources?.limits?.['memory'];
    expect(deploy.resourceProblems(broken)).toEqual([
      expect.stringMatching(/survey-intake.*no memory in resources\.limits/),
    ]);
  });

  it('runs every Deployment as non-root, read-only, without privilege escalation', () => {
    expect(deploy.securityProblems(objects)).toEqual([]);
    const broken = copy(objects);
    const container = firstContainer(broken, 'unit-directory');
    container.securityContext = { ...container.securityContext, runAsNonRoot: false, readOnlyRootFilesystem: false };
    expect(deploy.securityProblems(broken)).toEqual([
      expect.stringMatching(/unit-directory.*runAsNonRoot is not true/),
      expect.stringMatching(/unit-directory.*readOnlyRootFilesystem is not true/),
    ]);
  });

  it('probes each service on the port it listens on', () => {
    expect(deploy.portProblems(objects)).toEqual([]);
    const broken = copy(objects);
    const port = firstContainer(broken, 'audit').env?.find((variable) => variable.name === 'PORT');
    if (port) port.value = '3000';
    expect(deploy.portProblems(broken)).toEqual([expect.stringMatching(/audit.*PORT=3000/)]);
  });

  it('commits no Secret with data', () => {
    expect(deploy.committedSecretProblems(objects)).toEqual([]);
    const leaked: K8sObject = { kind: 'Secret', metadata: { name: 'hailong-auth' }, data: { 'signing-key': 'LS0t' } };
    expect(deploy.committedSecretProblems([...objects, leaked])).toEqual([expect.stringContaining('hailong-auth')]);
  });

  (kubectl ? it : it.skip)('reads the same Deployments and Services without kubectl as kubectl kustomize renders', () => {
    const direct = deploy.loadKustomization(deploy.PATHS.k8sBase, { useKubectl: false }).objects as K8sObject[];
    expect(names(direct, ['Namespace', 'Deployment', 'Service'])).toEqual(
      names(objects, ['Namespace', 'Deployment', 'Service']),
    );
  });
});

describe('tools/deploy/make-env.sh', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-make-env-'));
    const file = path.join(dir, '.env');
    execFileSync(path.join(__dirname, 'make-env.sh'), [file], { stdio: 'pipe' });
    // Single-quoted values, read literally: how docker compose reads them.
    env = Object.fromEntries(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => /^([A-Z_][A-Z0-9_]*)='([^']*)'$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => [match[1], match[2]]),
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes every variable docker-compose.yml requires', () => {
    const required = [...fs.readFileSync(deploy.PATHS.compose, 'utf8').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(Object.keys(env)).toEqual(expect.arrayContaining([...new Set(required)]));
  });

  it('writes a key pair the services accept, whose halves match', async () => {
    // resolveAuthSettings refuses a public key that is not the signing key's public half.
    const settings = await resolveAuthSettings(
      authConfigFromEnv({ AUTH_SIGNING_KEY: env['AUTH_SIGNING_KEY'], AUTH_PUBLIC_KEY: env['AUTH_PUBLIC_KEY'] }),
    );
    expect(settings.signing).not.toBeNull();
    expect('publicKey' in settings.verification).toBe(true);
    expect(env['AUTH_BOOTSTRAP_ADMIN_PASSWORD']?.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses to overwrite an existing file', () => {
    expect(() =>
      execFileSync(path.join(__dirname, 'make-env.sh'), [path.join(dir, '.env')], { stdio: 'pipe' }),
    ).toThrow(/exists/);
  });
});

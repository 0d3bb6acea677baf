// The deployment files, checked offline: docker-compose.yml against the Compose schema, every
// kustomization under k8s/ rendered by kubectl and validated object by object (schemas with unknown
// fields rejected, what every workload needs, autoscalers within the partitions), and
// tools/deploy/make-env.sh against the services' own auth configuration. Every check also meets a
// broken manifest (tools/deploy/bad-manifests, or a broken copy), so it is known to be able to fail.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_TOPICS } from '@hailong/contracts';
import { authConfigFromEnv, resolveAuthSettings } from '@hailong/platform/auth';
import * as deploy from './validate.cjs';

type Compose = { services: Record<string, Record<string, unknown>> } & Record<string, unknown>;
type K8sObject = {
  apiVersion?: string;
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

describe('docker-compose.yml start order', () => {
  const compose = deploy.readCompose() as Compose;

  it('starts each service after Kafka and PostgreSQL are healthy and the topics step and its migrations have completed', () => {
    expect(deploy.composeStartOrderProblems(compose)).toEqual([]);
  });

  it('fails when a service no longer waits for its migrations, or the topics step is gone', () => {
    const broken = copy(compose);
    delete (broken.services['scoring']['depends_on'] as Record<string, unknown>)['migrate-scoring'];
    delete broken.services['kafka-topics'];
    expect(deploy.composeStartOrderProblems(broken).sort()).toEqual(
      [
        'no kafka-topics init step',
        'service audit: no kafka-topics service to wait for',
        'service scoring: no kafka-topics service to wait for',
        'service scoring: waits for migrate-scoring with undefined, expected service_completed_successfully',
        'service survey-intake: no kafka-topics service to wait for',
        'service unit-directory: no kafka-topics service to wait for',
      ].sort(),
    );
  });
});

describe('one Dockerfile for the four services, one for the web application', () => {
  const read = (file: string) => fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8');

  it('builds in stages from the workspace, installs production dependencies only and runs as a numeric non-root user; the service is a required argument', () => {
    expect(deploy.deployableApps()).toEqual(['audit', 'scoring', 'survey-intake', 'unit-directory']);
    expect(deploy.dockerfileProblems()).toEqual([]);
  });

  it('fails on a root user, dev dependencies in the image, a default service, or a service named in the recipe', () => {
    const edited: Record<string, (text: string) => string> = {
      Dockerfile: (text) =>
        text
          .replace('USER 1000:1000', 'USER root')
          .replace('ARG APP\nARG PORT\n# Both', 'ARG APP=scoring\nARG PORT\n# Both')
          .replace('COPY . .', 'COPY . .\nRUN touch apps/audit/.built'),
      'apps/gateway/Dockerfile': (text) => text.replace('npm ci --omit=dev', 'npm ci'),
    };
    expect(deploy.dockerfileProblems((file: string) => edited[file](read(file))).sort()).toEqual(
      [
        'Dockerfile: the runtime stage does not run as a numeric non-root USER',
        'Dockerfile: ARG APP has a default; it must be given',
        'Dockerfile: names audit, scoring outside its comments; the service is the APP argument',
        'apps/gateway/Dockerfile does not install production dependencies only (npm ci --omit=dev)',
      ].sort(),
    );
  });

  it('refuses a compose build of a service from another Dockerfile or with a port other than the one it listens on', () => {
    const compose = deploy.readCompose() as Compose;
    const broken = copy(compose);
    const scoring = broken.services['scoring'] as { build: { args: Record<string, string> } };
    broken.services['scoring'] = { ...scoring, build: { ...scoring.build, args: { ...scoring.build.args, PORT: '3999' } } };
    const audit = broken.services['audit'] as { build: object };
    broken.services['audit'] = { ...audit, build: { ...audit.build, dockerfile: 'apps/audit/Dockerfile' } };
    expect(deploy.composeBuildProblems(broken).sort()).toEqual(
      [
        'service audit: builds audit from apps/audit/Dockerfile, not Dockerfile',
        'service scoring: listens on PORT 3103 but its image is built with PORT=3999',
      ].sort(),
    );
  });
});

describe('.dockerignore', () => {
  it('keeps .env, dependencies, build output and local state out of the build context', () => {
    expect(deploy.dockerignoreProblems()).toEqual([]);
    const withoutEnv = fs.readFileSync(path.join(__dirname, '..', '..', '.dockerignore'), 'utf8').replace(/^\.env$/m, '');
    expect(deploy.dockerignoreProblems(withoutEnv)).toEqual(['.dockerignore does not exclude .env']);
  });
});

type Problems = Record<string, string[]>;
const rendered = new Map<string, K8sObject[]>();
const render = (dir: string): K8sObject[] => {
  if (!rendered.has(dir)) rendered.set(dir, deploy.renderKustomization(dir) as K8sObject[]);
  return copy(rendered.get(dir) as K8sObject[]);
};
const problemsOf = (objects: K8sObject[]): Problems => deploy.manifestProblems(objects, { platformTopics: [...ALL_TOPICS] });
const nonEmpty = (problems: Problems) => Object.fromEntries(Object.entries(problems).filter(([, list]) => list.length > 0));
const names = (list: K8sObject[], kinds: string[]) =>
  list
    .filter((object) => kinds.includes(object.kind))
    .map((object) => `${object.kind}/${object.metadata.name}`)
    .sort();

describe.each(deploy.kustomizations().map((dir) => [path.relative(process.cwd(), dir), dir]))(
  '%s rendered by kubectl kustomize',
  (_name, dir) => {
    const objects = () => render(dir);

    it('validates every object against its schema (core kinds: kubernetes-models; Strimzi, CloudNativePG: their CRDs), unknown fields rejected, and passes every workload check', () => {
      expect(nonEmpty(problemsOf(objects()))).toEqual({});
    });

    it('deploys every service and the web application as compose does, each with a Service and a PodDisruptionBudget, and a migration Job per service', () => {
      const apps = deploy.deployableApps();
      expect(apps).toEqual(['audit', 'scoring', 'survey-intake', 'unit-directory']);
      expect(deploy.composeApps(deploy.readCompose())).toEqual([...apps, 'gateway'].sort());
      const workloads = [...apps, 'web'].sort();
      expect(names(objects(), ['Deployment'])).toEqual(workloads.map((app) => `Deployment/${app}`));
      expect(names(objects(), ['Service'])).toEqual(workloads.map((app) => `Service/${app}`));
      expect(names(objects(), ['PodDisruptionBudget'])).toEqual(workloads.map((app) => `PodDisruptionBudget/${app}`));
      expect(names(objects(), ['Job'])).toEqual([...apps.map((app) => `Job/hailong-migrate-${app}`), 'Job/hailong-topics'].sort());
    });

    it('runs Kafka through Strimzi (Kafka, KafkaNodePool, a KafkaTopic per platform topic) and PostgreSQL through CloudNativePG', () => {
      const kinds = new Set(objects().map((object) => `${object.apiVersion} ${object.kind}`));
      for (const kind of [
        'kafka.strimzi.io/v1 Kafka',
        'kafka.strimzi.io/v1 KafkaNodePool',
        'kafka.strimzi.io/v1 KafkaTopic',
        'postgresql.cnpg.io/v1 Cluster',
      ]) {
        expect(kinds).toContain(kind);
      }
      const topics = objects().filter((object) => object.kind === 'KafkaTopic') as unknown as { spec: { topicName: string } }[];
      expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual([...ALL_TOPICS].sort());
    });

    it('references its Secrets by name and commits none: the auth, audit and intake keys (made by hand) and the database URL (made by CloudNativePG)', () => {
      expect(deploy.referencedSecrets(objects())).toEqual(['hailong-audit', 'hailong-auth', 'hailong-db-app', 'hailong-intake']);
      expect(objects().filter((object) => object.kind === 'Secret')).toEqual([]);
    });

    it('gives the browser one origin: an Ingress with a path to each service and the rest to the web application', () => {
      const ingresses = objects().filter((object) => object.kind === 'Ingress') as unknown as {
        spec: { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] };
      }[];
      expect(ingresses).toHaveLength(1);
      const backends = ingresses[0].spec.rules.flatMap((rule) => rule.http.paths.map((p) => p.backend.service.name));
      expect(backends.sort()).toEqual([...deploy.deployableApps(), 'web'].sort());
    });
  },
);

describe('the manifest checks can fail', () => {
  const production = () => render(path.join(deploy.PATHS.k8s, 'overlays', 'production'));
  const badManifest = (name: string) => nonEmpty(problemsOf(render(path.join(deploy.PATHS.badManifests, name))));

  it('fails on a manifest with an unknown field (a core kind and a custom resource)', () => {
    expect(badManifest('unknown-field')).toEqual({
      schemas: [
        'Deployment/audit /spec/template/spec/containers/0/imagePullPolicyy is not a known field',
        'KafkaTopic/audit-events /spec/partition is not a known field',
      ],
    });
  });

  it('fails on a manifest with a wrong type (a core kind and a custom resource)', () => {
    expect(badManifest('wrong-type')).toEqual({
      schemas: ['Deployment/unit-directory /spec/replicas must be integer', 'KafkaTopic/scoring-events /spec/partitions must be integer'],
    });
  });

  it('fails on a manifest missing a required field (a core kind and a custom resource)', () => {
    expect(badManifest('missing-required-field')).toEqual({
      schemas: [
        'Ingress/hailong /spec/rules/0/http/paths/0 must have required property pathType',
        "Cluster/hailong-db /spec must have required property 'instances'",
      ],
    });
  });

  it('fails on an autoscaler whose maximum exceeds the partition count of a topic its Deployment consumes', () => {
    expect(badManifest('autoscaler-over-partitions')).toEqual({
      autoscalers: [
        'HorizontalPodAutoscaler/scoring: maxReplicas 16 exceeds the 12 partitions of hailong.intake.responses, hailong.directory.events',
      ],
    });
  });

  it('fails on a consumer Deployment naming a topic no KafkaTopic declares', () => {
    const objects = production();
    const deployment = objects.find((object) => object.kind === 'Deployment' && object.metadata.name === 'survey-intake') as K8sObject & {
      metadata: { annotations: Record<string, string> };
    };
    deployment.metadata.annotations['hailong.io/consumes'] = 'hailong.intake.campaigns';
    expect(deploy.autoscalerProblems(objects)).toEqual([
      'HorizontalPodAutoscaler/survey-intake: consumes hailong.intake.campaigns, which no KafkaTopic declares',
      'Deployment/survey-intake: consumes hailong.intake.campaigns, which no KafkaTopic declares',
    ]);
  });

  it('fails on a missing probe, missing limits, a root container, a wrong port, a committed Secret', () => {
    const objects = production();
    delete firstContainer(objects, 'scoring')['readinessProbe'];
    delete firstContainer(objects, 'survey-intake').resources?.limits?.['memory'];
    const container = firstContainer(objects, 'unit-directory');
    container.securityContext = { ...container.securityContext, runAsNonRoot: false };
    const port = firstContainer(objects, 'audit').env?.find((variable) => variable.name === 'PORT');
    if (port) port.value = '3000';
    const leaked: K8sObject = { kind: 'Secret', metadata: { name: 'hailong-auth' }, data: { 'signing-key': 'LS0t' } };
    expect(deploy.probeProblems(objects)).toEqual([expect.stringMatching(/scoring.*no readinessProbe/)]);
    expect(deploy.resourceProblems(objects)).toEqual([expect.stringMatching(/survey-intake.*no memory in resources\.limits/)]);
    expect(deploy.securityProblems(objects)).toEqual([expect.stringMatching(/unit-directory.*runAsNonRoot is not true/)]);
    expect(deploy.portProblems(objects)).toEqual([expect.stringMatching(/audit.*PORT=3000/)]);
    expect(deploy.committedSecretProblems([...objects, leaked])).toEqual([expect.stringContaining('hailong-auth')]);
  });

  it('fails on a topic that does not keep its events forever, another Kafka version, a workload without a default-deny policy', () => {
    const objects = production();
    const topic = objects.find((object) => object.kind === 'KafkaTopic') as unknown as {
      metadata: { name: string };
      spec: { config: Record<string, unknown> };
    };
    topic.spec.config['retention.ms'] = 604800000;
    const kafka = objects.find((object) => object.kind === 'Kafka') as unknown as { spec: { kafka: { version: string } } };
    kafka.spec.kafka.version = '3.9.1';
    const withoutDenyAll = objects.filter((object) => !(object.kind === 'NetworkPolicy' && object.metadata.name === 'default-deny'));
    expect(deploy.topicProblems(objects, [...ALL_TOPICS])).toEqual([
      expect.stringContaining(`KafkaTopic/${topic.metadata.name}: retention.ms is 604800000`),
    ]);
    expect(deploy.kafkaVersionProblems(objects)).toEqual([expect.stringContaining('Kafka 3.9.1')]);
    expect(deploy.networkPolicyProblems(withoutDenyAll)).toHaveLength(10); // five Deployments, five Jobs
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
    expect(() => execFileSync(path.join(__dirname, 'make-env.sh'), [path.join(dir, '.env')], { stdio: 'pipe' })).toThrow(/exists/);
  });
});

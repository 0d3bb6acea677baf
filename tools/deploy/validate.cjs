'use strict';
// Offline checks of the deployment files: docker-compose.yml against the Compose JSON Schema,
// and the Kubernetes base for the properties every workload must have. No Docker engine or
// cluster is needed. Used by deploy-files.int.spec.ts; also runnable on its own:
//   node tools/deploy/validate.cjs
// Each check returns a list of problems (empty when fine) so a test can name what it checks.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const YAML = require('yaml');
const Ajv = require('ajv');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PATHS = {
  compose: path.join(REPO_ROOT, 'docker-compose.yml'),
  // CI copies shared/ beside the clone, as on the development machines.
  composeSchema: path.resolve(REPO_ROOT, '..', 'shared', 'k8s-schemas', 'compose-spec.json'),
  k8sBase: path.join(REPO_ROOT, 'k8s', 'base'),
  kafkaScript: path.join(REPO_ROOT, 'tools', 'kafka', 'kafka.sh'),
  apps: path.join(REPO_ROOT, 'apps'),
};

// The compose file shares settings through YAML merge keys (`<<: *anchor`), as Docker Compose does.
function parseYaml(text) {
  return YAML.parse(text, { merge: true });
}

function parseYamlDocuments(text, source) {
  return YAML.parseAllDocuments(text, { merge: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message}`);
      return doc.toJSON();
    })
    .filter((object) => object !== null && object !== undefined);
}

function readCompose(file = PATHS.compose) {
  return parseYaml(fs.readFileSync(file, 'utf8'));
}

// ---- docker-compose.yml ---------------------------------------------------------------------------

/** Returns a function listing the schema violations of a parsed compose document. */
function composeSchemaValidator(schemaFile = PATHS.composeSchema) {
  if (!fs.existsSync(schemaFile)) {
    throw new Error(`Compose schema not found at ${schemaFile} (shared/ must sit beside the repository)`);
  }
  // The schema names its meta-schema https://json-schema.org/draft-07/schema, an alias ajv does not
  // know; it is plain draft-07, which is ajv's default, so the reference is dropped.
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  delete schema.$schema;
  // strictTypes off: the published schema uses union types without spelling out every "type".
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false });
  const validate = ajv.compile(schema);
  return (compose) => {
    if (validate(compose)) return [];
    return validate.errors.map((error) => {
      const where = error.instancePath || '(top level)';
      const extra = error.params && error.params.additionalProperty;
      return `${where} ${error.message}${extra ? `: "${extra}"` : ''}`;
    });
  };
}

/** Apps the Dockerfile can build: folders under apps/ with a webpack build. */
function deployableApps(appsDir = PATHS.apps) {
  return fs
    .readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(appsDir, entry.name, 'webpack.config.js')))
    .map((entry) => entry.name)
    .sort();
}

function buildArgs(build) {
  const args = (build && typeof build === 'object' && build.args) || {};
  if (!Array.isArray(args)) return args;
  return Object.fromEntries(args.map((arg) => String(arg).split(/=(.*)/s).slice(0, 2)));
}

/** Every service built from the Dockerfile names, in APP, an app the Dockerfile can build. */
function composeBuildProblems(compose, appsDir = PATHS.apps) {
  const apps = deployableApps(appsDir);
  const problems = [];
  for (const [name, service] of Object.entries(compose.services || {})) {
    if (!service || service.build === undefined) continue;
    const app = buildArgs(service.build).APP;
    if (!app) problems.push(`service ${name}: build has no APP argument`);
    else if (!apps.includes(app)) problems.push(`service ${name}: APP=${app} is not a buildable app under apps/ (${apps.join(', ')})`);
  }
  return problems;
}

/** APP of each compose service that has a build. */
function composeApps(compose) {
  return Object.values(compose.services || {})
    .filter((service) => service && service.build !== undefined)
    .map((service) => buildArgs(service.build).APP)
    .sort();
}

function kafkaScriptVersion(file = PATHS.kafkaScript) {
  const match = /^KAFKA_VERSION="\$\{KAFKA_VERSION:-([^}]+)\}"/m.exec(fs.readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no KAFKA_VERSION default found in ${file}`);
  return match[1];
}

/** The compose broker: the project's one Kafka version, events kept forever, no implicit topics. */
function composeKafkaProblems(compose, version = kafkaScriptVersion()) {
  const kafka = (compose.services || {}).kafka;
  if (!kafka) return ['no kafka service'];
  const problems = [];
  if (kafka.image !== `apache/kafka:${version}`) {
    problems.push(`kafka image is ${kafka.image}, tools/kafka/kafka.sh runs apache/kafka ${version}`);
  }
  const env = kafka.environment || {};
  const expected = {
    KAFKA_LOG_RETENTION_MS: '-1',
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
  };
  for (const [key, value] of Object.entries(expected)) {
    if (String(env[key]) !== value) problems.push(`kafka ${key} is ${env[key]}, expected ${value}`);
  }
  return problems;
}

// ---- .dockerignore ----------------------------------------------------------------------------------

const DOCKERIGNORE_REQUIRED = ['.env', 'node_modules', 'dist', '.git', '.kafka-data', '.local', 'coverage'];

/** Secrets and local state never enter the build context (and so never an image layer). */
function dockerignoreProblems(text = fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')) {
  const entries = new Set(
    text
      .split('\n')
      .map((line) => line.trim().replace(/^\/|\/$/g, ''))
      .filter((line) => line && !line.startsWith('#')),
  );
  return DOCKERIGNORE_REQUIRED.filter((entry) => !entries.has(entry)).map((entry) => `.dockerignore does not exclude ${entry}`);
}

// ---- k8s/base -------------------------------------------------------------------------------------

// KUBECTL names another binary; pointing it at nothing exercises the direct reading.
const KUBECTL = process.env.KUBECTL || 'kubectl';

function hasKubectl() {
  try {
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore', timeout: 30000 });
    return true;
  } catch {
    return false;
  }
}

function renderWithKubectl(dir) {
  const output = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8', timeout: 60000 });
  return parseYamlDocuments(output, `kubectl kustomize ${dir}`);
}

/**
 * Without kubectl: the objects of the kustomization's `resources` (files and nested kustomizations)
 * and its generators. Patches and transformers are not applied, which the checks here do not need.
 */
function readKustomizationDirectly(dir) {
  const kustomization = parseYaml(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
  const objects = [];
  for (const resource of kustomization.resources || []) {
    if (/^[a-z]+:\/\//i.test(resource)) throw new Error(`${dir}: remote resource ${resource} cannot be read offline`);
    const target = path.resolve(dir, resource);
    if (fs.statSync(target).isDirectory()) objects.push(...readKustomizationDirectly(target));
    else objects.push(...parseYamlDocuments(fs.readFileSync(target, 'utf8'), target));
  }
  const generated = (kind, generators) =>
    (generators || []).map((generator) => ({
      apiVersion: 'v1',
      kind,
      metadata: { name: generator.name },
      // Only which keys exist matters here, not the values files or env files would supply.
      data: Object.fromEntries(
        [...(generator.literals || []), ...(generator.files || []), ...(generator.envs || [])].map((entry) => [
          String(entry).split('=')[0],
          String(entry),
        ]),
      ),
    }));
  objects.push(...generated('ConfigMap', kustomization.configMapGenerator));
  objects.push(...generated('Secret', kustomization.secretGenerator));
  return objects;
}

/** The objects of a kustomization: rendered by kubectl when it is installed, else read directly. */
function loadKustomization(dir = PATHS.k8sBase, { useKubectl = hasKubectl() } = {}) {
  return useKubectl
    ? { objects: renderWithKubectl(dir), renderedBy: 'kubectl kustomize' }
    : { objects: readKustomizationDirectly(dir), renderedBy: 'direct reading (no kubectl)' };
}

function deployments(objects) {
  return objects.filter((object) => object.kind === 'Deployment');
}

function eachContainer(objects, check) {
  const problems = [];
  for (const deployment of deployments(objects)) {
    const pod = ((deployment.spec || {}).template || {}).spec || {};
    const containers = pod.containers || [];
    if (containers.length === 0) problems.push(`Deployment ${deployment.metadata.name}: no containers`);
    for (const container of containers) {
      const where = `Deployment ${deployment.metadata.name}, container ${container.name}`;
      for (const problem of check(container, pod)) problems.push(`${where}: ${problem}`);
    }
  }
  return problems;
}

/** Readiness asks /health/ready (the database answers), liveness /health/live (the process runs). */
function probeProblems(objects) {
  return eachContainer(objects, (container) => {
    const problems = [];
    for (const [probe, expectedPath] of [
      ['readinessProbe', '/health/ready'],
      ['livenessProbe', '/health/live'],
    ]) {
      const httpGet = (container[probe] || {}).httpGet;
      if (!container[probe]) problems.push(`no ${probe}`);
      else if (!httpGet || httpGet.path !== expectedPath) problems.push(`${probe} does not GET ${expectedPath}`);
    }
    return problems;
  });
}

function resourceProblems(objects) {
  return eachContainer(objects, (container) => {
    const resources = container.resources || {};
    const problems = [];
    for (const bound of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        if (!(resources[bound] || {})[resource]) problems.push(`no ${resource} in resources.${bound}`);
      }
    }
    return problems;
  });
}

/** Non-root, read-only root filesystem, no privilege escalation (container settings win over the pod's). */
function securityProblems(objects) {
  return eachContainer(objects, (container, pod) => {
    const podContext = pod.securityContext || {};
    const context = container.securityContext || {};
    const runAsNonRoot = context.runAsNonRoot !== undefined ? context.runAsNonRoot : podContext.runAsNonRoot;
    const problems = [];
    if (runAsNonRoot !== true) problems.push('runAsNonRoot is not true');
    if (context.readOnlyRootFilesystem !== true) problems.push('readOnlyRootFilesystem is not true');
    if (context.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation is not false');
    return problems;
  });
}

/** The PORT a service listens on is the containerPort its probes and Service point at. */
function portProblems(objects) {
  return eachContainer(objects, (container) => {
    const port = (container.env || []).find((variable) => variable.name === 'PORT');
    const http = (container.ports || []).find((entry) => entry.name === 'http');
    if (!port || !http) return ['needs a PORT variable and a containerPort named http'];
    return String(http.containerPort) === String(port.value)
      ? []
      : [`PORT=${port.value} but containerPort http=${http.containerPort}`];
  });
}

/** Secret values are created in the cluster, never committed. */
function committedSecretProblems(objects) {
  return objects
    .filter((object) => object.kind === 'Secret')
    .filter((secret) => Object.keys(secret.data || {}).length + Object.keys(secret.stringData || {}).length > 0)
    .map((secret) => `Secret ${secret.metadata.name} carries data: create it with kubectl instead (see k8s/README.md)`);
}

// ---- all of it ------------------------------------------------------------------------------------

function runAll() {
  const compose = readCompose();
  const { objects, renderedBy } = loadKustomization();
  const checks = {
    'docker-compose.yml matches the Compose schema': composeSchemaValidator()(compose),
    'docker-compose.yml builds existing apps': composeBuildProblems(compose),
    'docker-compose.yml runs the project Kafka': composeKafkaProblems(compose),
    '.dockerignore keeps secrets and local state out of images': dockerignoreProblems(),
    [`k8s/base probes (${renderedBy})`]: probeProblems(objects),
    [`k8s/base resources (${renderedBy})`]: resourceProblems(objects),
    [`k8s/base security (${renderedBy})`]: securityProblems(objects),
    [`k8s/base ports (${renderedBy})`]: portProblems(objects),
    [`k8s/base has no committed secrets (${renderedBy})`]: committedSecretProblems(objects),
  };
  let failed = false;
  for (const [name, problems] of Object.entries(checks)) {
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`);
    for (const problem of problems) console.log(`     - ${problem}`);
    failed = failed || problems.length > 0;
  }
  return failed ? 1 : 0;
}

module.exports = {
  PATHS,
  parseYaml,
  readCompose,
  composeSchemaValidator,
  deployableApps,
  composeApps,
  composeBuildProblems,
  kafkaScriptVersion,
  composeKafkaProblems,
  dockerignoreProblems,
  hasKubectl,
  loadKustomization,
  deployments,
  probeProblems,
  resourceProblems,
  securityProblems,
  portProblems,
  committedSecretProblems,
};

if (require.main === module) process.exitCode = runAll();

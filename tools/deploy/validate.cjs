'use strict';
// Offline checks of the deployment files: docker-compose.yml against the Compose JSON Schema, and
// every kustomization under k8s/ rendered with `kubectl kustomize` and validated object by object:
// core kinds against the Kubernetes schemas of the kubernetes-models package, Strimzi and
// CloudNativePG kinds against their CRDs' OpenAPI schemas, unknown fields rejected in both; then
// what every workload must have (probes, resources, non-root, secrets only referenced, autoscalers
// within the partitions, network policies). No Docker engine or cluster is needed. Used by
// deploy-files.int.spec.ts; also runnable on its own:
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
  // Copied from ../shared/k8s-schemas so a bare clone validates (tools/deploy/schemas/README.md).
  schemas: path.join(__dirname, 'schemas'),
  composeSchema: path.join(__dirname, 'schemas', 'compose-spec.json'),
  k8s: path.join(REPO_ROOT, 'k8s'),
  k8sBase: path.join(REPO_ROOT, 'k8s', 'base'),
  badManifests: path.join(__dirname, 'bad-manifests'),
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

/**
 * The services operations deploy: apps whose main.ts starts through runService (@hailong/platform/http),
 * each with its own schema, migrations and consumers. The web application has an image of its own
 * too (webImageApps).
 */
function deployableApps(appsDir = PATHS.apps) {
  return fs
    .readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .filter((entry) => {
      const main = path.join(appsDir, entry.name, 'src', 'main.ts');
      return fs.existsSync(main) && /\brunService\(/.test(fs.readFileSync(main, 'utf8'));
    })
    .map((entry) => entry.name)
    .sort();
}

/** The web application's image: the gateway serving the built app (apps/gateway/Dockerfile). */
const WEB_IMAGE_APP = 'gateway';

/** Every app with an image: the services and the web application's gateway. */
function imageApps(appsDir = PATHS.apps) {
  return [...deployableApps(appsDir), WEB_IMAGE_APP].sort();
}

function buildArgs(build) {
  const args = (build && typeof build === 'object' && build.args) || {};
  if (!Array.isArray(args)) return args;
  return Object.fromEntries(args.map((arg) => String(arg).split(/=(.*)/s).slice(0, 2)));
}

/** The Dockerfile each image is built from: the services share the root one, the web application has its own. */
function dockerfileOf(app) {
  return app === WEB_IMAGE_APP ? `apps/${WEB_IMAGE_APP}/Dockerfile` : 'Dockerfile';
}

/**
 * Every compose service that builds an image names, in APP, an app under apps/, builds it from that
 * app's Dockerfile (dockerfileOf), and — for a service — gives the port it listens on as PORT, the same
 * as its environment's PORT where it sets one.
 */
function composeBuildProblems(compose, appsDir = PATHS.apps) {
  const apps = imageApps(appsDir);
  const problems = [];
  for (const [name, service] of Object.entries(compose.services || {})) {
    if (!service || service.build === undefined) continue;
    const args = buildArgs(service.build);
    const app = args.APP;
    const dockerfile = service.build.dockerfile || 'Dockerfile';
    if (!app) problems.push(`service ${name}: build has no APP argument`);
    else if (!apps.includes(app)) problems.push(`service ${name}: APP=${app} is not a buildable app under apps/ (${apps.join(', ')})`);
    else if (dockerfile !== dockerfileOf(app)) problems.push(`service ${name}: builds ${app} from ${dockerfile}, not ${dockerfileOf(app)}`);
    else if (app !== WEB_IMAGE_APP) {
      const port = (service.environment || {}).PORT;
      if (!args.PORT) problems.push(`service ${name}: build has no PORT argument`);
      else if (port !== undefined && String(port) !== String(args.PORT))
        problems.push(`service ${name}: listens on PORT ${port} but its image is built with PORT=${args.PORT}`);
    }
  }
  return problems;
}

/** The apps compose builds (each once, however many steps run its image). */
function composeApps(compose) {
  return [
    ...new Set(
      Object.values(compose.services || {})
        .filter((service) => service && service.build !== undefined)
        .map((service) => buildArgs(service.build).APP),
    ),
  ].sort();
}

/**
 * Start order: every service that runs an app waits for Kafka and PostgreSQL to be healthy and for
 * the topics step and its own migrations to have completed; the init steps run the app's image.
 */
function composeStartOrderProblems(compose) {
  const services = compose.services || {};
  const problems = [];
  for (const [name, service] of Object.entries(services)) {
    if (!service.build || !(service.environment || {}).PORT) continue;
    const app = buildArgs(service.build).APP;
    if (!deployableApps().includes(app)) continue;
    const expected = {
      kafka: 'service_healthy',
      postgres: 'service_healthy',
      'kafka-topics': 'service_completed_successfully',
      [`migrate-${app}`]: 'service_completed_successfully',
    };
    for (const [dependency, condition] of Object.entries(expected)) {
      const actual = ((service.depends_on || {})[dependency] || {}).condition;
      if (!services[dependency]) problems.push(`service ${name}: no ${dependency} service to wait for`);
      else if (actual !== condition) problems.push(`service ${name}: waits for ${dependency} with ${actual}, expected ${condition}`);
    }
    if (!service.healthcheck) problems.push(`service ${name}: no healthcheck`);
  }
  for (const [step, command] of [['kafka-topics', 'ensure-topics'], ...deployableApps().map((app) => [`migrate-${app}`, 'migrate'])]) {
    const service = services[step];
    if (!service) problems.push(`no ${step} init step`);
    else if (!(service.command || []).includes(command)) problems.push(`${step} does not run "${command}"`);
  }
  return problems;
}

// ---- Dockerfiles ------------------------------------------------------------------------------------

/**
 * The Dockerfiles (the services' shared one at the root, the web application's): multi-stage,
 * production dependencies only, and a numeric non-root user in the runtime stage. The services' one
 * takes the service and its port as required build arguments and names no service of its own.
 */
function dockerfileProblems(read = (file) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) {
  const problems = [];
  for (const file of ['Dockerfile', dockerfileOf(WEB_IMAGE_APP)]) {
    let text;
    try {
      text = read(file);
    } catch {
      problems.push(`${file} is missing`);
      continue;
    }
    const stages = text.split(/^FROM /m).slice(1);
    if (stages.length < 2) problems.push(`${file} is not multi-stage`);
    const runtime = stages[stages.length - 1] || '';
    const user = /^USER\s+(\S+)/m.exec(runtime);
    if (!user || !/^[1-9]\d*(:\d+)?$/.test(user[1])) problems.push(`${file}: the runtime stage does not run as a numeric non-root USER`);
    if (!/npm ci[^\n]*--omit=dev/.test(text)) problems.push(`${file} does not install production dependencies only (npm ci --omit=dev)`);
    if (file !== 'Dockerfile') continue;
    for (const arg of ['APP', 'PORT']) {
      if (new RegExp(`^ARG ${arg}=`, 'm').test(text)) problems.push(`${file}: ARG ${arg} has a default; it must be given`);
      if (!new RegExp(`test -n "\\$${arg}"`).test(text)) problems.push(`${file}: does not refuse a build without ${arg}`);
    }
    const named = deployableApps().filter((app) => new RegExp(`^(?!#).*(?<![\\w-])${app}(?![\\w-])`, 'm').test(text));
    if (named.length) problems.push(`${file}: names ${named.join(', ')} outside its comments; the service is the APP argument`);
  }
  return problems;
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

// ---- rendering k8s/ ----------------------------------------------------------------------------

const KUBECTL = process.env.KUBECTL || 'kubectl';

/** The kustomizations operations deploy, plus the base they share. */
function kustomizations() {
  const overlays = path.join(PATHS.k8s, 'overlays');
  return [
    PATHS.k8sBase,
    ...fs
      .readdirSync(overlays, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(overlays, entry.name)),
  ];
}

/** Every object of a kustomization as `kubectl kustomize` renders it (kubectl must be installed). */
function renderKustomization(dir) {
  let output;
  try {
    output = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error(`${KUBECTL} is not installed: the manifests are rendered with kubectl kustomize`);
    throw new Error(`kubectl kustomize ${dir} failed: ${error.stderr || error.message}`);
  }
  return parseYamlDocuments(output, `kubectl kustomize ${dir}`);
}

const describe = (object) => `${object.kind}/${(object.metadata || {}).name}`;

// ---- schemas: core kinds -------------------------------------------------------------------------

/** The kubernetes-models class of a core kind, or null when the package does not model it. */
function coreModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    return require(modulePath)[kind];
  } catch {
    return null;
  }
}

function modelErrors(Model, object) {
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error;
    return error.errors;
  }
}

const pointer = (segments) => segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const PROBE = Symbol('probe');

/**
 * Fields the schema does not define. kubernetes-models checks the fields it knows and lets others
 * through (as an API server's non-strict decoding would); to reject unknown fields, each field is
 * probed: its value is swapped for a value no schema accepts, and a field the schema defines is one
 * whose swap makes validation fail at that very path. Known objects and arrays are walked in turn.
 */
function unknownFields(validate, root) {
  const unknown = [];
  const walk = (value, segments) => {
    if (value === null || typeof value !== 'object') return;
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      const here = [...segments, key];
      const original = value[key];
      value[key] = PROBE;
      const where = pointer(here);
      const known = validate(root).some((e) => e.instancePath === where || e.instancePath.startsWith(`${where}/`));
      value[key] = original;
      if (known) walk(original, here);
      else unknown.push(where);
    }
  };
  walk(root, []);
  return unknown;
}

function coreProblems(object) {
  const Model = coreModel(object.apiVersion, object.kind);
  if (!Model) return [`${describe(object)}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`];
  const copy = structuredClone(object);
  const errors = modelErrors(Model, copy).map((e) => `${describe(object)} ${e.instancePath || '/'} ${e.message}`);
  const unknown = unknownFields((o) => modelErrors(Model, o), copy).map((where) => `${describe(object)} ${where} is not a known field`);
  return [...errors, ...unknown];
}

// ---- schemas: custom resources (Strimzi, CloudNativePG) -------------------------------------------

/**
 * The CRDs' OpenAPI v3 schemas, made strict: the API server prunes unknown fields from custom
 * resources silently, so an object schema that lists its properties gets additionalProperties:false
 * unless it says x-kubernetes-preserve-unknown-fields (free-form settings such as Kafka's config).
 */
function strictSchema(schema) {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, strictSchema(value)]));
  if (copy.properties && copy.additionalProperties === undefined && copy['x-kubernetes-preserve-unknown-fields'] !== true) {
    copy.additionalProperties = false;
  }
  return copy;
}

let crdValidators = null;

function customResourceValidators() {
  if (crdValidators) return crdValidators;
  // strict:false lets the x-kubernetes-* keywords through; formats (int32, date-time) are not checked.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  crdValidators = new Map();
  for (const file of fs.readdirSync(PATHS.schemas).filter((f) => /^(strimzi|cnpg)-.*\.yaml$/.test(f))) {
    for (const crd of parseYamlDocuments(fs.readFileSync(path.join(PATHS.schemas, file), 'utf8'), file)) {
      if (crd.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions.filter((v) => v.served)) {
        const schema = strictSchema(version.schema.openAPIV3Schema);
        // metadata is checked as the ObjectMeta it is, by the core schema (below).
        schema.properties = { ...schema.properties, metadata: { type: 'object' } };
        crdValidators.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
  return crdValidators;
}

function customResourceProblems(object) {
  const validate = customResourceValidators().get(`${object.apiVersion} ${object.kind}`);
  if (!validate) return [`${describe(object)}: no schema for ${object.apiVersion} ${object.kind} in tools/deploy/schemas`];
  const problems = [];
  if (!validate(object)) {
    for (const e of validate.errors) {
      const extra = e.params && e.params.additionalProperty;
      problems.push(
        extra
          ? `${describe(object)} ${pointer([])}${e.instancePath}/${extra} is not a known field`
          : `${describe(object)} ${e.instancePath || '/'} ${e.message}`,
      );
    }
  }
  const ObjectMeta = require('@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta').ObjectMeta;
  const metadata = structuredClone(object.metadata || {});
  problems.push(...modelErrors(ObjectMeta, metadata).map((e) => `${describe(object)} /metadata${e.instancePath} ${e.message}`));
  problems.push(
    ...unknownFields((o) => modelErrors(ObjectMeta, o), metadata).map(
      (where) => `${describe(object)} /metadata${where} is not a known field`,
    ),
  );
  return problems;
}

const isCustomResource = (object) => /\.(strimzi\.io|cnpg\.io)\//.test(object.apiVersion || '');

/** Every object against its schema, unknown fields rejected. */
function schemaProblems(objects) {
  return objects.flatMap((object) => {
    if (!object || !object.apiVersion || !object.kind)
      return [`an object without apiVersion or kind: ${JSON.stringify(object).slice(0, 80)}`];
    return isCustomResource(object) ? customResourceProblems(object) : coreProblems(object);
  });
}

// ---- what every workload needs ---------------------------------------------------------------------

const deployments = (objects) => objects.filter((object) => object.kind === 'Deployment');
const jobs = (objects) => objects.filter((object) => object.kind === 'Job');
const podSpecOf = (object) => ((object.spec || {}).template || {}).spec || {};
const podLabelsOf = (object) => (((object.spec || {}).template || {}).metadata || {}).labels || {};

function eachContainer(workloads, check) {
  const problems = [];
  for (const workload of workloads) {
    const pod = podSpecOf(workload);
    const containers = pod.containers || [];
    if (containers.length === 0) problems.push(`${describe(workload)}: no containers`);
    for (const container of containers) {
      for (const problem of check(container, pod)) problems.push(`${describe(workload)}, container ${container.name}: ${problem}`);
    }
  }
  return problems;
}

/** Readiness asks /health/ready (database, Kafka, migrations), liveness /health/live (the process runs). */
function probeProblems(objects) {
  return eachContainer(deployments(objects), (container) => {
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
  return eachContainer([...deployments(objects), ...jobs(objects)], (container) => {
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
  return eachContainer([...deployments(objects), ...jobs(objects)], (container, pod) => {
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
  return eachContainer(deployments(objects), (container) => {
    const port = (container.env || []).find((variable) => variable.name === 'PORT');
    const http = (container.ports || []).find((entry) => entry.name === 'http');
    if (!port || !http) return ['needs a PORT variable and a containerPort named http'];
    return String(http.containerPort) === String(port.value) ? [] : [`PORT=${port.value} but containerPort http=${http.containerPort}`];
  });
}

/** Secret values are created in the cluster, never committed. */
function committedSecretProblems(objects) {
  return objects
    .filter((object) => object.kind === 'Secret')
    .filter((secret) => Object.keys(secret.data || {}).length + Object.keys(secret.stringData || {}).length > 0)
    .map((secret) => `Secret ${secret.metadata.name} carries data: create it with kubectl instead (see k8s/README.md)`);
}

/** The Secrets the workloads reference by name (created in the cluster, or by CloudNativePG). */
function referencedSecrets(objects) {
  const names = new Set();
  for (const workload of [...deployments(objects), ...jobs(objects)]) {
    for (const container of podSpecOf(workload).containers || []) {
      for (const variable of container.env || []) {
        const ref = (variable.valueFrom || {}).secretKeyRef;
        if (ref) names.add(ref.name);
      }
      for (const source of container.envFrom || []) if (source.secretRef) names.add(source.secretRef.name);
    }
  }
  return [...names].sort();
}

// ---- Kafka: topics and autoscalers ----------------------------------------------------------------

function topicPartitions(objects) {
  return new Map(
    objects
      .filter((object) => object.kind === 'KafkaTopic')
      .map((topic) => [topic.spec.topicName || topic.metadata.name, Number(topic.spec.partitions)]),
  );
}

/** Topics a Deployment's consumers read, from its hailong.io/consumes annotation. */
function consumedTopics(deployment) {
  const value = ((deployment.metadata || {}).annotations || {})['hailong.io/consumes'];
  return value
    ? value
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean)
    : [];
}

/**
 * A consumer group gives each partition to one member: an autoscaler (or a replica count) above the
 * partitions of a topic the Deployment consumes adds replicas that get no partition of it.
 */
function autoscalerProblems(objects) {
  const partitions = topicPartitions(objects);
  const byName = new Map(deployments(objects).map((d) => [d.metadata.name, d]));
  const problems = [];
  const limitOf = (deployment, what) => {
    let limit = Infinity;
    for (const topic of consumedTopics(deployment)) {
      if (!partitions.has(topic)) problems.push(`${what}: consumes ${topic}, which no KafkaTopic declares`);
      else limit = Math.min(limit, partitions.get(topic));
    }
    return limit;
  };
  for (const hpa of objects.filter((object) => object.kind === 'HorizontalPodAutoscaler')) {
    const target = hpa.spec.scaleTargetRef || {};
    const deployment = target.kind === 'Deployment' ? byName.get(target.name) : undefined;
    if (!deployment) {
      problems.push(`${describe(hpa)}: scales ${target.kind}/${target.name}, which is not here`);
      continue;
    }
    const limit = limitOf(deployment, describe(hpa));
    if (hpa.spec.maxReplicas > limit) {
      const topics = consumedTopics(deployment).filter((topic) => partitions.get(topic) === limit);
      problems.push(`${describe(hpa)}: maxReplicas ${hpa.spec.maxReplicas} exceeds the ${limit} partitions of ${topics.join(', ')}`);
    }
  }
  for (const deployment of deployments(objects)) {
    const limit = limitOf(deployment, describe(deployment));
    if ((deployment.spec.replicas || 1) > limit) {
      problems.push(`${describe(deployment)}: replicas ${deployment.spec.replicas} exceeds the ${limit} partitions it consumes`);
    }
  }
  return [...new Set(problems)];
}

/** Every platform topic is declared and keeps its events forever. */
function topicProblems(objects, platformTopics) {
  const declared = objects.filter((object) => object.kind === 'KafkaTopic');
  const names = new Set(declared.map((topic) => topic.spec.topicName || topic.metadata.name));
  const problems = platformTopics.filter((topic) => !names.has(topic)).map((topic) => `no KafkaTopic declares ${topic}`);
  for (const topic of declared) {
    const config = topic.spec.config || {};
    if (String(config['retention.ms']) !== '-1')
      problems.push(`${describe(topic)}: retention.ms is ${config['retention.ms']}, not -1 (forever)`);
    if (String(config['retention.bytes']) !== '-1')
      problems.push(`${describe(topic)}: retention.bytes is ${config['retention.bytes']}, not -1`);
  }
  return problems;
}

/** The Strimzi cluster runs the project's one Kafka version. */
function kafkaVersionProblems(objects, version = kafkaScriptVersion()) {
  const clusters = objects.filter((object) => object.kind === 'Kafka');
  if (clusters.length === 0) return ['no Kafka cluster'];
  return clusters
    .filter((cluster) => String(cluster.spec.kafka.version) !== version)
    .map((cluster) => `${describe(cluster)}: Kafka ${cluster.spec.kafka.version}, tools/kafka/kafka.sh runs ${version}`);
}

// ---- network policies -------------------------------------------------------------------------------

function selects(selector, labels) {
  if (!selector) return false;
  const matchLabels = selector.matchLabels || {};
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return (selector.matchExpressions || []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    return false;
  });
}

/**
 * Each workload starts from "nothing in, nothing out" (a policy selecting its pods with both policy
 * types and no rule), and each Deployment has a policy admitting traffic to its http port.
 */
function networkPolicyProblems(objects) {
  const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  const problems = [];
  for (const workload of [...deployments(objects), ...jobs(objects)]) {
    const labels = podLabelsOf(workload);
    const applying = policies.filter((policy) => selects(policy.spec.podSelector, labels));
    const denyAll = applying.some(
      (policy) =>
        ['Ingress', 'Egress'].every((type) => (policy.spec.policyTypes || []).includes(type)) &&
        !(policy.spec.ingress || []).length &&
        !(policy.spec.egress || []).length,
    );
    if (!denyAll) problems.push(`${describe(workload)}: no default-deny NetworkPolicy selects its pods`);
    if (workload.kind !== 'Deployment') continue;
    const http = ((podSpecOf(workload).containers || [])[0].ports || []).find((port) => port.name === 'http');
    const admitted = applying.some((policy) =>
      (policy.spec.ingress || []).some((rule) =>
        (rule.ports || []).some((port) => String(port.port) === String(http && http.containerPort)),
      ),
    );
    if (!admitted) problems.push(`${describe(workload)}: no NetworkPolicy admits traffic to its http port`);
  }
  return problems;
}

// ---- one kustomization, every check ---------------------------------------------------------------------

/**
 * @param {object[]} objects
 * @param {{ platformTopics?: string[] }} [options] the topic names every installation must declare
 */
function manifestProblems(objects, { platformTopics = [] } = {}) {
  return {
    schemas: schemaProblems(objects),
    probes: probeProblems(objects),
    resources: resourceProblems(objects),
    security: securityProblems(objects),
    ports: portProblems(objects),
    secrets: committedSecretProblems(objects),
    autoscalers: autoscalerProblems(objects),
    topics: topicProblems(objects, platformTopics),
    kafkaVersion: kafkaVersionProblems(objects),
    networkPolicies: networkPolicyProblems(objects),
  };
}

function runAll() {
  const compose = readCompose();
  const checks = {
    'docker-compose.yml matches the Compose schema': composeSchemaValidator()(compose),
    'docker-compose.yml builds existing apps': composeBuildProblems(compose),
    'docker-compose.yml runs the project Kafka': composeKafkaProblems(compose),
    'docker-compose.yml starts after its init steps': composeStartOrderProblems(compose),
    'one Dockerfile for the services, one for the web application': dockerfileProblems(),
    '.dockerignore keeps secrets and local state out of images': dockerignoreProblems(),
  };
  for (const dir of kustomizations()) {
    for (const [name, problems] of Object.entries(manifestProblems(renderKustomization(dir)))) {
      checks[`${path.relative(REPO_ROOT, dir)}: ${name}`] = problems;
    }
  }
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
  imageApps,
  WEB_IMAGE_APP,
  composeBuildProblems,
  composeStartOrderProblems,
  dockerfileProblems,
  kafkaScriptVersion,
  composeKafkaProblems,
  dockerignoreProblems,
  kustomizations,
  renderKustomization,
  schemaProblems,
  deployments,
  probeProblems,
  resourceProblems,
  securityProblems,
  portProblems,
  committedSecretProblems,
  referencedSecrets,
  consumedTopics,
  autoscalerProblems,
  topicProblems,
  kafkaVersionProblems,
  networkPolicyProblems,
  manifestProblems,
};

if (require.main === module) process.exitCode = runAll();

import { ServiceApp, assertKafkaReachable, testBrokers } from '@hailong/platform/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the corpus is a test tool of its own (tools/hostile) with no path alias
import {
  CaseRecord,
  endpointsOf,
  fetchOpenApi,
  generateCorpus,
  hostileTokens,
  HostileReport,
  LeakRecord,
  leaksIn,
  PlatformState,
  prepareFixtures,
  runCorpus,
} from '../../../tools/hostile/src';
import { TestPlatform } from './platform';

/**
 * The hostile-input corpus of issue 12 against the four services as separate processes: every
 * endpoint of their OpenAPI documents, every category of hostile input. CI runs the short form;
 * `npm run hostile` runs the full form (HOSTILE_CORPUS=full). Both write reports/hostile.json.
 */
const MODE = process.env['HOSTILE_CORPUS'] === 'full' ? 'full' : 'short';
const APPS: ServiceApp[] = ['unit-directory', 'survey-intake', 'scoring', 'audit'];

describe(`hostile-input corpus (${MODE} form)`, () => {
  let platform: TestPlatform;
  let state: PlatformState | undefined;
  let report: HostileReport;
  let endpointCount = 0;
  let fixtureProblems: readonly string[] = [];

  beforeAll(
    async () => {
      await assertKafkaReachable();
      platform = await TestPlatform.start('hostile', 3261);
      const documents = await Promise.all(
        APPS.map(async (app) => ({ app, endpoints: endpointsOf(app, await fetchOpenApi(platform.services[app].url)) })),
      );
      endpointCount = documents.reduce((n, d) => n + d.endpoints.length, 0);
      const tokens = await hostileTokens(signingKeyOf(platform));
      const fixtures = await prepareFixtures(
        {
          directoryUrl: platform.services['unit-directory'].url,
          all: documents.map((d) => ({ url: platform.services[d.app].url, endpoints: d.endpoints })),
        },
        tokens,
      );
      fixtureProblems = fixtures.problems ?? [];
      const cases = generateCorpus(
        documents.flatMap((d) => d.endpoints),
        fixtures,
        { full: MODE === 'full' },
      );
      state = await PlatformState.connect(platform.db.url, testBrokers(), platform.topicPrefix);
      report = await runCorpus(cases, {
        mode: MODE,
        state,
        readToken: tokens.allRoles,
        log: (line) => process.stdout.write(`[hostile] ${line}\n`),
        services: APPS.map((app) => {
          const service = platform.services[app];
          return {
            name: app,
            url: service.url,
            isAlive: async () => (await fetch(`${service.url}/health/live`).catch(() => null))?.status === 200,
            restart: async () => {
              await service.stop('SIGKILL');
              await service.start();
            },
            recentOutput: () => service.recentOutput(),
          };
        }),
      });
      // What the run left behind, scanned for phone numbers and key material in clear.
      const logText = APPS.map((app) => [app, platform.services[app].output.join('')] as const);
      const logs = logText.map(([app, text]) => leaksIn(`${app} log`, text)).filter((l): l is LeakRecord => l !== null);
      const messages = await state.readAllMessages();
      const topics = messages
        .map((m) => leaksIn(`${m.topic}/${m.partition}@${m.offset}`, m.text))
        .filter((l): l is LeakRecord => l !== null);
      report = {
        ...report,
        personalData: {
          ...report.personalData,
          logs,
          topics,
          scanned: {
            ...report.personalData.scanned,
            logCharacters: logText.reduce((n, [, t]) => n + t.length, 0),
            topicMessages: messages.length,
          },
        },
      };
      const out = join(process.cwd(), 'reports');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'hostile.json'), JSON.stringify(report, null, 2));
      process.stdout.write(
        `[hostile] ${report.cases} cases over ${report.endpoints} endpoints in ${Math.round(report.durationMs / 1000)} s; ` +
          `by status ${JSON.stringify(report.byStatus)}; 5xx ${report.fiveHundreds.length}; written ${report.written}\n`,
      );
    },
    45 * 60 * 1000,
  );

  afterAll(async () => {
    await state?.close();
    await platform?.stop();
  });

  const described = (records: readonly CaseRecord[]) =>
    records.map(
      (r) =>
        `${r.id} → ${r.status} ${r.request.method} ${r.request.url} ${r.request.bodyPreview ?? ''} ⇒ ${r.answer ?? ''} ${(r.changes ?? []).join('; ')}`,
    );

  /** A fault the corpus found that is not on the known list: a new fault, shown with the request to send again. */
  const unknownFaults = (records: readonly CaseRecord[], kind: KnownFault['kind']) =>
    described(records.filter((r) => !KNOWN_FAULTS.some((k) => k.kind === kind && k.key === faultKey(r))));
  /** A known fault that no longer occurs: fixed, so its entry must go (the list only shrinks). */
  const staleKnownFaults = (records: readonly CaseRecord[], kind: KnownFault['kind']) =>
    KNOWN_FAULTS.filter((k) => k.kind === kind && !records.some((r) => faultKey(r) === k.key)).map((k) => `${k.key}: ${k.why}`);

  it('prepares its fixtures (units, one of them dissolved) through the platform’s own API', () => {
    expect(fixtureProblems).toEqual([]);
  });

  it('tries at least 200 cases, over every endpoint the four OpenAPI documents list', () => {
    expect(report.cases).toBeGreaterThanOrEqual(200);
    expect(report.endpoints).toBe(endpointCount);
    expect(report.byStatus['not-sent'] ?? 0).toBe(0);
  });

  it('never answers a 5xx, except the known faults listed below, each of which must still occur', () => {
    expect(unknownFaults(report.fiveHundreds, 'server-error')).toEqual([]);
    expect(staleKnownFaults(report.fiveHundreds, 'server-error')).toEqual([]);
  });

  it('never drops the connection, dies or hangs', () => {
    expect(described([...report.problems.crash, ...report.problems.timeout])).toEqual([]);
  });

  it('changes no row count and no topic offset when it refuses', () => {
    expect(described(report.writtenCases)).toEqual([]);
  });

  it('answers every refusal with a JSON error body', () => {
    expect(described(report.problems['not-json'])).toEqual([]);
  });

  it('refuses what DESIGN says to refuse instead of accepting it, except the known faults listed below, each of which must still occur', () => {
    expect(unknownFaults(report.problems.accepted, 'accepted')).toEqual([]);
    expect(staleKnownFaults(report.problems.accepted, 'accepted')).toEqual([]);
  });

  it('accepts decomposed (NFD) Vietnamese where text is accepted and stores it composed (NFC)', () => {
    expect(described([...report.problems['nfd-stored'], ...report.problems['nfd-refused']])).toEqual([]);
    expect(report.nfdAcceptedAndNormalised).toBeGreaterThan(0);
  });

  it('leaves no phone number or key material in clear in the topics, the services’ logs or the error bodies', () => {
    expect(report.personalData.scanned.topicMessages).toBeGreaterThan(0);
    expect(report.personalData.scanned.logCharacters).toBeGreaterThan(0);
    expect(report.personalData.scanned.errorBodies).toBeGreaterThan(0);
    const leaks = [...report.personalData.topics, ...report.personalData.logs, ...report.personalData.errorBodies];
    expect(leaks.map((l) => `${l.where}: ${l.findings.map((f) => `${f.kind} ${f.masked}`).join(', ')}`)).toEqual([]);
  });

  it('runs none of the injected SQL', () => {
    expect(report.sqlInjectionCanary.exists).toBe(false);
  });
});

/**
 * The platform's signing key, to mint expired and wrong-audience tokens as the real issuer would.
 * TestPlatform keeps it private and only mints short-lived single-role tokens; a `tokenWith(claims,
 * options)` there would make this unnecessary.
 */
function signingKeyOf(platform: TestPlatform): string {
  const key = (platform as unknown as { privateKeyPem?: string }).privateKeyPem;
  if (!key) throw new Error('TestPlatform no longer keeps privateKeyPem: mint the hostile tokens another way');
  return key;
}

interface KnownFault {
  readonly kind: 'server-error' | 'accepted';
  /** `<endpoint> <category>/<variant>`, as faultKey writes it. */
  readonly key: string;
  /** What is wrong, and who fixes it. */
  readonly why: string;
}

const faultKey = (r: CaseRecord) => `${r.endpoint} ${r.category}/${r.variant}`;

/**
 * Faults the corpus found that are not fixed yet, each reported on the issue that owns it. A fault not
 * on this list fails the suite; so does an entry that no longer occurs, so the list can only shrink.
 */
const KNOWN_FAULTS: readonly KnownFault[] = [];

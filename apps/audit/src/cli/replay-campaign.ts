import { createKafka, messagingConfigFromEnv } from '@hailong/platform/messaging';
import { databaseConfigFromEnv, ensureDatabase, runMigrations } from '@hailong/platform/persistence';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AUDIT_SCHEMA, auditMigrations } from '../app/migrations';
import { CampaignReplay, ReplayCut, ReplayProgress, ReplayRefused } from '../app/replay/campaign-replay';
import { EXIT, runCommand } from './log-source';

const USAGE = `Rebuilds every figure of a campaign from the platform's Kafka topics alone (the directory's and
intake's events, upcast by the contracts) into the audit schema, with scoring's own projection and
publication code, then compares them with the campaign's CampaignScoresPublished and lists every
published value that differs, with both values. An interrupted run resumes from the offsets it stored
with what it built (same campaign, same cut), unless --fresh.

  node dist/apps/audit/cli/replay-campaign.js --campaign ID
      [--until publication|end | --at ISO-INSTANT | --offsets P:N,P:N…] [--fresh] [--topic-prefix P] [--json]

  --until publication  (default) up to the response-topic offsets the publication records
  --until end          up to where the topics end now
  --at INSTANT         only events recorded at or before this instant: the figures of that time
  --offsets 0:12,1:40  up to these next offsets per partition of the response topic
  --fresh              start over even if an interrupted replay could resume
  --json               the full report (figures included) as JSON on stdout

PostgreSQL is DATABASE_URL (the audit schema, migrated if needed); Kafka is KAFKA_BROKERS; topics are
under --topic-prefix (default KAFKA_TOPIC_PREFIX). Progress (events/s, ETA) goes to stderr.
Exit code: 0 every published figure reproduced, 1 differences (or nothing to compare), 2 could not run.`;

function cutFrom(values: { until?: string; at?: string; offsets?: string }): ReplayCut {
  const named = (['until', 'at', 'offsets'] as const).filter((k) => values[k] !== undefined);
  if (named.length > 1) throw new Error(`give only one of --until, --at, --offsets (got ${named.map((n) => `--${n}`).join(', ')})`);
  if (values.at !== undefined) {
    if (Number.isNaN(Date.parse(values.at))) throw new Error(`--at must be an ISO 8601 instant, got ${values.at}`);
    return { kind: 'time', at: new Date(values.at).toISOString() };
  }
  if (values.offsets !== undefined) {
    const pairs = values.offsets.split(',').map((pair) => /^(\d+):(\d{1,19})$/.exec(pair.trim()));
    if (pairs.some((m) => m === null))
      throw new Error(`--offsets must be PARTITION:OFFSET pairs separated by commas, got ${values.offsets}`);
    return { kind: 'offsets', offsets: Object.fromEntries(pairs.map((m) => [Number(m?.[1]), String(m?.[2])])) };
  }
  if (values.until === undefined || values.until === 'publication') return { kind: 'publication' };
  if (values.until === 'end') return { kind: 'end' };
  throw new Error(`--until must be publication or end, got ${values.until}`);
}

/** One line on stderr, rewritten in place on a terminal: events read, rate, ETA. */
function progressPrinter() {
  let shown = 0;
  let lastPhase = '';
  return (p: ReplayProgress) => {
    const now = Date.now();
    const finished = p.done >= p.total;
    if (!finished && now - shown < 500 && p.phase === lastPhase) return;
    shown = now;
    lastPhase = p.phase;
    const share = p.total ? Math.floor((100 * p.done) / p.total) : 100;
    const eta = p.etaSeconds === null ? '?' : `${p.etaSeconds} s`;
    const line = `${p.phase}: ${p.done}/${p.total} messages (${share}%), ${p.eventsPerSecond} events/s, ETA ${eta}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}   ${finished ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      campaign: { type: 'string' },
      until: { type: 'string' },
      at: { type: 'string' },
      offsets: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      'topic-prefix': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.campaign) {
    console.log(USAGE);
    return values.help ? EXIT.ok : EXIT.cannotRun;
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.campaign)) {
    throw new Error(`--campaign must be a campaign id (UUID), got ${values.campaign}`);
  }
  const cut = cutFrom(values);
  const env = values['topic-prefix'] === undefined ? process.env : { ...process.env, KAFKA_TOPIC_PREFIX: values['topic-prefix'] };
  const messaging = messagingConfigFromEnv('audit-cli', env);
  const database = databaseConfigFromEnv(AUDIT_SCHEMA, env);
  await ensureDatabase(database.url);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: database.url,
    schema: AUDIT_SCHEMA,
    migrations: auditMigrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    applicationName: 'hailong-audit-replay-cli',
  }).initialize();
  try {
    await runMigrations(dataSource, AUDIT_SCHEMA);
    const replay = new CampaignReplay(dataSource, createKafka(messaging), messaging);
    const report = await replay.run(
      { campaignId: values.campaign, cut, actorId: `cli:${process.env['USER'] ?? 'auditor'}`, fresh: values.fresh },
      progressPrinter(),
    );
    const reproduced = report.differences !== null && report.differences.length === 0;
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
      return reproduced ? EXIT.ok : EXIT.failed;
    }
    const { read } = report;
    console.log(
      `Replay ${report.replayId} of campaign ${report.campaignId} (cut ${JSON.stringify(report.cut)}${report.resumed ? ', resumed' : ''}): ` +
        `${read.messages} messages, ${read.applied} events applied, ${read.duplicates} repeats, ${read.undecodable} undecodable, ` +
        `${read.afterCut} after the cut, in ${read.seconds.toFixed(1)} s (${read.eventsPerSecond}/s)`,
    );
    console.log(`  computed from response-topic offsets ${JSON.stringify(report.computedFrom)}`);
    if (report.figures) {
      console.log(
        `  figures: ${report.figures.responses.onTime} on-time responses, overall index ${report.figures.campaign.overall.index}, ${report.figures.byUnit.length} units`,
      );
    } else console.log(`  no figures: ${report.figuresUnavailable}`);
    if (!report.publication) console.log('  no CampaignScoresPublished for this campaign in the scoring topic: nothing to compare');
    else if (report.differences === null) console.log('  nothing to compare: the replay has no figures');
    else if (report.differences.length === 0)
      console.log(`  every figure of publication ${report.publication.publicationId} reproduced exactly`);
    else {
      console.log(`  ${report.differences.length} published value(s) differ from publication ${report.publication.publicationId}:`);
      for (const d of report.differences)
        console.log(`    ${d.path}: published ${JSON.stringify(d.published)}, replayed ${JSON.stringify(d.replayed)}`);
    }
    return reproduced ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof ReplayRefused) {
      console.error(`error: ${error.message}`);
      return EXIT.cannotRun;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

runCommand(main);

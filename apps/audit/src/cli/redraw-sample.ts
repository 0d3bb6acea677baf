import { drawSample, POPULATION_EVENT_TYPES, samplePopulation } from '@hailong/audit/domain';
import { BackCheckSampleDrawn, DrawnSampleData, EventDecodeError, EventEnvelope, platformEvents, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';
import { parseArgs } from 'node:util';
import { EXIT, runCommand } from './log-source';

const USAGE = `Redraws a recorded back-check sample from the log alone and says whether it is the recorded one.

  node dist/apps/audit/cli/redraw-sample.js --sample SAMPLE_ID [--topic-prefix P] [--json]

Reads the audit topic for the sample's BackCheckSampleDrawn (seed, rule, population digests, drawn
ids) and the response topic for the campaign's responses (on time, not voided or replaced), draws
again with @hailong/audit/domain drawSample and compares stratum by stratum. Brokers from KAFKA_BROKERS.

Exit code: 0 same sample, 1 a different sample or population, 2 could not run.`;

async function readEvents(topic: string, keep: (event: EventEnvelope) => boolean, env: NodeJS.ProcessEnv): Promise<EventEnvelope[]> {
  const config = messagingConfigFromEnv('audit-cli', env);
  const events: EventEnvelope[] = [];
  await readTopicToEnd(createKafka(config), config, topic, async (_partition, messages) => {
    for (const message of messages) {
      try {
        const event = platformEvents.decode(message.value ?? Buffer.alloc(0));
        if (keep(event)) events.push(event);
      } catch (error) {
        if (!(error instanceof EventDecodeError)) throw error;
      }
    }
  });
  return events;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sample: { type: 'string' },
      'topic-prefix': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.sample) {
    console.log(USAGE);
    return values.help ? EXIT.ok : EXIT.cannotRun;
  }
  const sampleId = values.sample.toLowerCase();
  const env = values['topic-prefix'] === undefined ? process.env : { ...process.env, KAFKA_TOPIC_PREFIX: values['topic-prefix'] };
  const [drawnEvent] = await readEvents(
    Topics.auditEvents,
    (e) => e.type === BackCheckSampleDrawn.type && (e.data as DrawnSampleData).sampleId === sampleId,
    env,
  );
  if (!drawnEvent) throw new Error(`no BackCheckSampleDrawn for sample ${sampleId} on the audit topic`);
  const recorded = drawnEvent.data as DrawnSampleData;
  // Per partition in log order; a unit's events share one partition (key = unit), which is all the population needs.
  const responses = await readEvents(Topics.intakeResponses, (e) => POPULATION_EVENT_TYPES.includes(e.type), env);
  const again = drawSample(samplePopulation(responses, recorded.campaignId), recorded.rule, recorded.seed);
  const byKey = new Map(recorded.strata.map((s) => [s.key, s]));
  const strata = again.strata.map((s) => ({
    key: s.key,
    population: s.population,
    populationMatches: byKey.get(s.key)?.populationDigest === s.populationDigest,
    drawnMatches: JSON.stringify(byKey.get(s.key)?.drawn ?? null) === JSON.stringify(s.drawn),
  }));
  const identical = strata.length === byKey.size && strata.every((s) => s.drawnMatches);
  const populationMatches = again.populationDigest === recorded.population.digest;
  if (values.json) {
    console.log(
      JSON.stringify(
        { sampleId, campaignId: recorded.campaignId, seed: recorded.seed, rule: recorded.rule, identical, populationMatches, strata },
        null,
        2,
      ),
    );
  } else {
    console.log(`Sample ${sampleId} of campaign ${recorded.campaignId}, seed ${recorded.seed}, ${again.population} responses:`);
    for (const s of strata)
      console.log(
        `  ${s.drawnMatches ? 'same     ' : 'DIFFERENT'} ${s.key} (N=${s.population}${s.populationMatches ? '' : ', other population'})`,
      );
    console.log(identical ? 'SAME SAMPLE: the recorded draw is reproduced.' : 'DIFFERENT SAMPLE: see the strata above.');
  }
  return identical && populationMatches ? EXIT.ok : EXIT.failed;
}

runCommand(main);

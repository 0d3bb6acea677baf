import { ALL_TOPICS } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv } from '@hailong/platform/messaging';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { readLogSnapshot } from '../app/ledger/log-snapshot.reader';
import { EXIT, ExportedMessage, runCommand } from './log-source';

const USAGE = `Exports every platform topic, from offset 0 to where all of them end now, to a JSON Lines file:
one message per line with its topic (without prefix), partition, offset, key and exact bytes (base64).
verify-ledger and verify-receipt read it with --from-export, so a re-inspection team can check a copy
of the log away from the platform.

  node dist/apps/audit/cli/export-topics.js --out FILE [--topic-prefix P]

Exit code: 0 written, 2 could not run.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'topic-prefix': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    return values.help ? EXIT.ok : EXIT.cannotRun;
  }
  const env = values['topic-prefix'] === undefined ? process.env : { ...process.env, KAFKA_TOPIC_PREFIX: values['topic-prefix'] };
  const config = messagingConfigFromEnv('audit-cli', env);
  const out = createWriteStream(values.out, { encoding: 'utf8' });
  const started = Date.now();
  const read = await readLogSnapshot(createKafka(config), config, ALL_TOPICS, async (topic, partition, messages) => {
    for (const m of messages) {
      const line: ExportedMessage = {
        topic,
        partition,
        offset: m.offset,
        key: m.key ? m.key.toString('utf8') : null,
        valueBase64: m.value ? m.value.toString('base64') : null,
      };
      if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
    }
  });
  out.end();
  await once(out, 'finish');
  console.log(
    `${read.messages} messages from prefix "${config.topicPrefix}" written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return EXIT.ok;
}

runCommand(main);

import { publicKeysFromText, verifyReceipt } from '@hailong/audit/domain';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT, loadLog, runCommand } from './log-source';

const USAGE = `Checks a receipt against the log and a signed checkpoint, without the platform's database.

  node dist/apps/audit/cli/verify-receipt.js --receipt FILE --keys FILE [--checkpoint FILE]
                                             [--topic-prefix P | --from-export FILE] [--json]

  --receipt FILE      the JSON of GET /receipts/{responseId} on the audit service
  --keys FILE         published checkpoint keys (JSON of GET /checkpoints/keys, or PEM)
  --checkpoint FILE   a checkpoint (LedgerCheckpointSigned data) to use instead of the receipt's own
  --topic-prefix P    topics under this prefix (default: KAFKA_TOPIC_PREFIX); brokers from KAFKA_BROKERS
  --from-export FILE  a file written by export-topics instead of Kafka
  --json              the verdict as JSON on stdout

Exit code: 0 verified, 1 not verified, 2 could not run.`;

const readJson = (file: string, what: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${what} ${file}: ${(error as Error).message}`);
  }
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      receipt: { type: 'string' },
      keys: { type: 'string' },
      checkpoint: { type: 'string' },
      'topic-prefix': { type: 'string' },
      'from-export': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.receipt || !values.keys) {
    console.log(USAGE);
    return values.help ? EXIT.ok : EXIT.cannotRun;
  }
  const receipt = readJson(values.receipt, 'receipt');
  const checkpoint = values.checkpoint ? readJson(values.checkpoint, 'checkpoint') : undefined;
  const keys = publicKeysFromText(readFileSync(values.keys, 'utf8'));
  const log = await loadLog({ topicPrefix: values['topic-prefix'], exportFile: values['from-export'] });
  const verdict = verifyReceipt({ receipt, checkpoint, keys, observations: log.collector.observations });
  if (values.json)
    console.log(JSON.stringify({ ...verdict, read: { from: log.from, messages: log.messages, seconds: log.seconds } }, null, 2));
  else {
    console.log(`Receipt check against ${log.from} (${log.messages} messages):`);
    console.log(`${verdict.verified ? 'VERIFIED' : 'NOT VERIFIED'}: ${verdict.reason}`);
    console.log(`  (${verdict.reasonVi})`);
  }
  return verdict.verified ? EXIT.ok : EXIT.failed;
}

runCommand(main);

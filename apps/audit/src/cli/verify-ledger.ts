import { describeLocation, LedgerFault, publicKeysFromText } from '@hailong/audit/domain';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT, loadLog, runCommand } from './log-source';

const USAGE = `Verifies every service's ledger in the platform's Kafka topics (or an export of them).

  node dist/apps/audit/cli/verify-ledger.js [--topic-prefix P | --from-export FILE] [--keys FILE] [--json]

  --topic-prefix P    topics under this prefix (default: KAFKA_TOPIC_PREFIX); brokers from KAFKA_BROKERS
  --from-export FILE  a file written by export-topics instead of Kafka
  --keys FILE         published checkpoint keys (JSON of GET /checkpoints/keys, or PEM): the log's signed
                      checkpoints then also catch a removed tail or an altered head
  --json              the full report as JSON on stdout

Exit code: 0 no fault, 1 faults found, 2 could not run.`;

const LABEL: Record<LedgerFault['kind'], string> = { missing: 'MISSING', altered: 'ALTERED', inserted: 'INSERTED', reordered: 'REORDERED' };

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'topic-prefix': { type: 'string' },
      'from-export': { type: 'string' },
      keys: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const keys = values.keys ? publicKeysFromText(readFileSync(values.keys, 'utf8')) : [];
  const log = await loadLog({ topicPrefix: values['topic-prefix'], exportFile: values['from-export'] });
  const verifying = Date.now();
  const report = log.collector.verify(keys);
  const verifySeconds = (Date.now() - verifying) / 1000;
  const memoryMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  if (values.json) {
    const read = { from: log.from, messages: log.messages, seconds: log.seconds, verifySeconds, memoryMb, absentTopics: log.absentTopics };
    console.log(JSON.stringify({ ...report, read }, null, 2));
    return report.ok ? EXIT.ok : EXIT.failed;
  }
  const rate = Math.round(log.messages / Math.max(log.seconds, 0.001));
  console.log(
    `Ledger verification of ${log.from}: ${log.messages} messages read in ${log.seconds.toFixed(1)} s (${rate}/s), checked in ${verifySeconds.toFixed(1)} s, ${memoryMb} MB resident`,
  );
  for (const ledger of report.ledgers) {
    const good = ledger.lastGood ? `last good place ${ledger.lastGood.sequence} (${ledger.lastGood.hash.slice(0, 12)}…)` : 'no good place';
    const retries = ledger.relayRetries ? `, ${ledger.relayRetries} relay repeat(s)` : '';
    const anchors = ledger.checkpoints ? `, ${ledger.checkpoints} checkpoint(s)` : '';
    console.log(`  ${ledger.ledger}: ${ledger.events} events${retries}${anchors}; ${good}${ledger.faults.length ? '' : ' — no fault'}`);
    for (const f of ledger.faults) {
      const place =
        f.sequence === null ? 'no place' : f.lastSequence !== f.sequence ? `places ${f.sequence}–${f.lastSequence}` : `place ${f.sequence}`;
      console.log(`    ${LABEL[f.kind].padEnd(9)} ${place}${f.eventId ? ` event ${f.eventId}` : ''}: ${f.detail}`);
    }
  }
  if (log.absentTopics.length) console.log(`  topics not found (read as empty): ${log.absentTopics.join(', ')}`);
  for (const f of report.foreign) console.log(`  foreign message at ${describeLocation(f.location)}: ${f.reason}`);
  for (const r of report.rejectedCheckpoints) console.log(`  checkpoint refused at ${describeLocation(r.location)}: ${r.reason}`);
  console.log(report.ok ? 'Result: no fault' : `Result: ${report.faults} fault(s)`);
  return report.ok ? EXIT.ok : EXIT.failed;
}

runCommand(main);

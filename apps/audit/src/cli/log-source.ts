import { LogCollector } from '@hailong/audit/domain';
import { ALL_TOPICS } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv } from '@hailong/platform/messaging';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { readLogSnapshot } from '../app/ledger/log-snapshot.reader';

/** One message of an export: where it was and its exact bytes. */
export interface ExportedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly valueBase64: string | null;
}

export interface LogSource {
  /** Read the platform topics under this prefix (KAFKA_TOPIC_PREFIX when absent) from KAFKA_BROKERS. */
  readonly topicPrefix?: string;
  /** Or read a file written by export-topics instead of Kafka. */
  readonly exportFile?: string;
}

export interface LoadedLog {
  readonly collector: LogCollector;
  readonly messages: number;
  readonly seconds: number;
  readonly from: string;
  /** Platform topics that do not exist under the prefix read. */
  readonly absentTopics: readonly string[];
}

/** Progress on stderr, so stdout stays the report. */
function progress(label: string) {
  const started = Date.now();
  let count = 0;
  let shown = 0;
  return {
    add(n: number) {
      count += n;
      if (process.stderr.isTTY && Date.now() - shown > 500) {
        shown = Date.now();
        const seconds = (Date.now() - started) / 1000;
        process.stderr.write(`\r${label}: ${count} messages, ${Math.round(count / Math.max(seconds, 0.001))}/s   `);
      }
    },
    done(): { messages: number; seconds: number } {
      if (process.stderr.isTTY) process.stderr.write('\n');
      return { messages: count, seconds: (Date.now() - started) / 1000 };
    },
  };
}

/**
 * Every platform topic, from offset 0 to where all of them ended when the read began (one cut through
 * the log), or an export file; no database is involved.
 */
export async function loadLog(source: LogSource): Promise<LoadedLog> {
  const collector = new LogCollector();
  if (source.exportFile) {
    const meter = progress(`reading ${source.exportFile}`);
    const lines = createInterface({ input: createReadStream(source.exportFile, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (!text.trim()) continue;
      let message: ExportedMessage;
      try {
        message = JSON.parse(text) as ExportedMessage;
      } catch {
        throw new Error(`${source.exportFile}:${line}: not a JSON line`);
      }
      const value = message.valueBase64 === null ? null : Buffer.from(message.valueBase64, 'base64');
      collector.add({ topic: message.topic, partition: message.partition, offset: String(message.offset) }, value);
      meter.add(1);
    }
    return { collector, ...meter.done(), from: source.exportFile, absentTopics: [] };
  }
  const env = source.topicPrefix === undefined ? process.env : { ...process.env, KAFKA_TOPIC_PREFIX: source.topicPrefix };
  const config = messagingConfigFromEnv('audit-cli', env);
  const meter = progress(`reading ${config.brokers.join(',')} (prefix "${config.topicPrefix}")`);
  const read = await readLogSnapshot(createKafka(config), config, ALL_TOPICS, (topic, partition, messages) => {
    for (const m of messages) collector.add({ topic, partition, offset: m.offset }, m.value);
    meter.add(messages.length);
  });
  // A mistyped prefix must not read as an untouched log.
  if (read.absentTopics.length === ALL_TOPICS.length) throw new Error(`no platform topic exists under the prefix "${config.topicPrefix}"`);
  return {
    collector,
    ...meter.done(),
    from: `Kafka ${config.brokers.join(',')}, topic prefix "${config.topicPrefix}"`,
    absentTopics: read.absentTopics,
  };
}

/** Exit codes every audit command shares. */
export const EXIT = { ok: 0, failed: 1, cannotRun: 2 } as const;

/** Runs a command's main, turning an unexpected error into exit code 2 with the message. */
export function runCommand(main: () => Promise<number>): void {
  main()
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      console.error(`error: ${error.message}`);
      process.exit(EXIT.cannotRun);
    });
}

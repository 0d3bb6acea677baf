import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';

export const testBrokers = () => process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

/** A topic and consumer-group prefix of its own, so suites never read each other's events. */
export function uniqueTopicPrefix(label: string): string {
  return `t-${label.replace(/[^a-z0-9]/gi, '-').toLowerCase()}-${randomBytes(3).toString('hex')}.`;
}

/** Fails fast, with the command to run, when no broker answers: a test never replaces Kafka with a fake. */
export async function assertKafkaReachable(): Promise<void> {
  const [host, port] = testBrokers().split(',')[0].split(':');
  await new Promise<void>((resolve, reject) => {
    const socket = createConnection({ host, port: Number(port) });
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    const fail = () => {
      socket.destroy();
      reject(new Error(`no Kafka broker at ${host}:${port}: start it with tools/kafka/kafka.sh start`));
    };
    socket.once('error', fail);
    socket.once('timeout', fail);
  });
}

import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { MessagingConfig } from './messaging.config';

/** kafkajs's own log lines, through the service's logger (JSON lines like every other). */
function kafkajsLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ namespace, level, log }: LogEntry) => {
    const { message, ...details } = log as { message: string } & Record<string, unknown>;
    delete details['timestamp'];
    delete details['logger'];
    const text = `${namespace}: ${message}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`;
    if (level === logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
    else if (level === logLevel.INFO) logger.log(text);
    else logger.debug(text);
  };
}

export function createKafka(config: MessagingConfig): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logLevel: logLevel.WARN,
    logCreator: () => kafkajsLogCreator(),
  });
}

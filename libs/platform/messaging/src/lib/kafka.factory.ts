import { Kafka, logLevel } from 'kafkajs';
import { MessagingConfig } from './messaging.config';

export function createKafka(config: MessagingConfig): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logLevel: logLevel.WARN,
  });
}

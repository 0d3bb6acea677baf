import { EventRegistry, ServiceName } from '@hailong/contracts';
import { databaseConfigFromEnv } from '@hailong/platform/persistence';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ALL_TOPICS } from '@hailong/contracts';
import { createKafka } from './kafka.factory';
import { KafkaProjectionServer } from './kafka-projection.server';
import { MessagingConfig, messagingConfigFromEnv } from './messaging.config';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { ensureTopics } from './topic-admin';

export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

export interface ServiceIdentity {
  readonly service: ServiceName;
  readonly schema: string;
  readonly registry: EventRegistry;
}

/** Starts the outbox relay once the app is up and stops it after the app stops taking requests. */
@Injectable()
class RelayLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.createTopics) await ensureTopics(this.kafka, this.config, ALL_TOPICS);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * The event backbone of one service: its outbox writer, its relay (the service's single active
 * publisher) and the Kafka projection transport for its consumers.
 * In main.ts: `app.connectMicroservice({ strategy: app.get(KafkaProjectionServer) })`.
 */
@Module({})
export class MessagingModule {
  static forService(identity: ServiceIdentity): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: SERVICE_IDENTITY, useValue: identity },
        { provide: MESSAGING_CONFIG, useFactory: () => messagingConfigFromEnv(identity.service) },
        { provide: KAFKA, inject: [MESSAGING_CONFIG], useFactory: createKafka },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(identity.schema, identity.service, identity.registry) },
        {
          provide: OutboxRelay,
          inject: [KAFKA, MESSAGING_CONFIG],
          useFactory: (kafka: Kafka, config: MessagingConfig) =>
            new OutboxRelay(databaseConfigFromEnv(identity.schema).url, identity.schema, kafka, config, new Logger('OutboxRelay')),
        },
        {
          provide: KafkaProjectionServer,
          inject: [KAFKA, MESSAGING_CONFIG, getDataSourceToken(), OutboxWriter],
          useFactory: (kafka: Kafka, config: MessagingConfig, dataSource: DataSource, outbox: OutboxWriter) =>
            new KafkaProjectionServer({ ...identity, kafka, config, dataSource, outbox }),
        },
        RelayLifecycle,
      ],
      exports: [SERVICE_IDENTITY, MESSAGING_CONFIG, KAFKA, OutboxWriter, OutboxRelay, KafkaProjectionServer],
    };
  }
}

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
import { KafkaProbe } from './kafka-probe';
import { KafkaProjectionServer } from './kafka-projection.server';
import { MessagingConfig, messagingConfigFromEnv } from './messaging.config';
import { MessagingMetrics } from './messaging.metrics';
import { OutboxRelay, outboxBacklog } from './outbox.relay';
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

/**
 * Starts the outbox relay once the app is up. On shutdown (bootstrapService has closed the HTTP
 * server and the consumers by then) the relay sends what is left in the outbox, for at most
 * OUTBOX_DRAIN_MS, and then lets go of its producer and its lock.
 */
@Injectable()
class RelayLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly relay: OutboxRelay,
    private readonly probe: KafkaProbe,
    private readonly metrics: MessagingMetrics,
    private readonly projections: KafkaProjectionServer,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.createTopics) await ensureTopics(this.kafka, this.config, ALL_TOPICS);
    this.metrics.measureOutboxWith(() => outboxBacklog((sql) => this.dataSource.query(sql), this.identity.schema));
    this.metrics.measureLagWith(() => this.projections.lag((topic) => this.probe.highWatermarks(topic)));
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop({ drainMs: this.config.outboxDrainMs });
    await this.probe.close();
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
        { provide: MessagingMetrics, useFactory: () => new MessagingMetrics(identity.service) },
        { provide: KafkaProbe, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaProbe(kafka) },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(identity.schema, identity.service, identity.registry) },
        {
          provide: OutboxRelay,
          inject: [KAFKA, MESSAGING_CONFIG, MessagingMetrics],
          useFactory: (kafka: Kafka, config: MessagingConfig, metrics: MessagingMetrics) =>
            new OutboxRelay(databaseConfigFromEnv(identity.schema).url, identity.schema, kafka, config, new Logger('OutboxRelay'), metrics),
        },
        {
          provide: KafkaProjectionServer,
          inject: [KAFKA, MESSAGING_CONFIG, getDataSourceToken(), OutboxWriter, MessagingMetrics],
          useFactory: (kafka: Kafka, config: MessagingConfig, dataSource: DataSource, outbox: OutboxWriter, metrics: MessagingMetrics) =>
            new KafkaProjectionServer({ ...identity, kafka, config, dataSource, outbox, metrics }),
        },
        RelayLifecycle,
      ],
      exports: [SERVICE_IDENTITY, MESSAGING_CONFIG, KAFKA, OutboxWriter, OutboxRelay, KafkaProjectionServer, MessagingMetrics, KafkaProbe],
    };
  }
}

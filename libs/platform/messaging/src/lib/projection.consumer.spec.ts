import { platformEvents, Topics } from '@hailong/contracts';
import { EventEmitter } from 'node:events';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { messagingConfigFromEnv } from './messaging.config';
import { OutboxWriter } from './outbox.writer';
import { ProjectionConsumer } from './projection.consumer';

/**
 * What the projection does when kafkajs gives up on its consumer (a crash it will not restart, such as
 * the coordinator no longer knowing the member after a long transaction: see slow-batch.int.spec.ts
 * for that on the real broker). Only the kafkajs consumer's lifecycle is stood in for here.
 */
/** What a stand-in's connect waits for: the test holds a join open with it. */
let gate: Promise<void> = Promise.resolve();

class ConsumerStandIn extends EventEmitter {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  runs = 0;
  disconnects = 0;
  subscribed: string[] = [];
  async connect() {
    await gate;
  }
  async subscribe({ topics }: { topics: string[] }) {
    this.subscribed = topics;
  }
  /** The lifecycle calls in order. */
  readonly calls: string[] = [];
  async run() {
    this.runs += 1;
    this.calls.push('run');
  }
  async disconnect() {
    this.disconnects += 1;
    this.calls.push('disconnect');
  }
  crash(restart: boolean) {
    this.emit(this.events.CRASH, {
      payload: {
        error: Object.assign(new Error('The coordinator is not aware of this member'), { name: 'KafkaJSNonRetriableError' }),
        restart,
      },
    });
  }
}

describe('ProjectionConsumer after a consumer crash', () => {
  const made: ConsumerStandIn[] = [];
  const logged: string[] = [];
  const newProjection = () => {
    const kafka = {
      consumer: () => {
        const consumer = new ConsumerStandIn();
        made.push(consumer);
        return consumer;
      },
    } as unknown as Kafka;
    return new ProjectionConsumer(
      { name: 'p', topics: [Topics.intakeResponses], eventTypes: ['ResponseSubmitted'] },
      async () => undefined,
      {
        service: 'scoring',
        schema: 'scoring',
        kafka,
        config: messagingConfigFromEnv('scoring', {}),
        dataSource: {} as DataSource,
        registry: platformEvents,
        outbox: {} as OutboxWriter,
        logger: { log: () => undefined, warn: () => undefined, error: (m: string) => logged.push(m) },
      },
    );
  };

  beforeEach(() => {
    gate = Promise.resolve();
    made.length = 0;
    logged.length = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('starts a new consumer when kafkajs will not restart the one that crashed, and says so', async () => {
    const projection = newProjection();
    await projection.start();
    made[0].crash(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(made).toHaveLength(2);
    expect(made[0].disconnects).toBe(1);
    expect(made[1].runs).toBe(1);
    expect(made[1].subscribed).toEqual([Topics.intakeResponses]);
    expect(logged).toEqual([expect.stringContaining('consumer stopped on KafkaJSNonRetriableError')]);
    await projection.stop();
  });

  it('leaves a crash that kafkajs restarts itself to kafkajs', async () => {
    const projection = newProjection();
    await projection.start();
    made[0].crash(true);
    await jest.advanceTimersByTimeAsync(5000);
    expect(made).toHaveLength(1);
    await projection.stop();
  });

  it('lets a consumer started again leave at once when the projection is stopped while it joins', async () => {
    const projection = newProjection();
    await projection.start();
    let joined: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (joined = resolve));
    made[0].crash(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(made).toHaveLength(2);
    const stopping = projection.stop();
    joined();
    await stopping;
    await jest.advanceTimersByTimeAsync(0);
    // It ran once its join completed, and left after that: nothing consumes for a stopped projection.
    expect(made[1].calls.slice(-2)).toEqual(['run', 'disconnect']);
  });

  it('does not start again once stopped', async () => {
    const projection = newProjection();
    await projection.start();
    made[0].crash(false);
    await projection.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(made).toHaveLength(1);
  });
});

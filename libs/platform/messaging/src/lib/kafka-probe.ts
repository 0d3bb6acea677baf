import { Admin, Kafka } from 'kafkajs';

/**
 * One admin connection a service keeps for looking at the broker: readiness (does Kafka answer?)
 * and consumer lag (the partitions' high watermarks). Every call is bounded in time, so a probe
 * answers "down" instead of hanging while kafkajs retries; a failed call drops the connection so
 * the next one starts afresh.
 */
export class KafkaProbe {
  private admin: Admin | null = null;
  private connecting: Promise<Admin> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeoutMs = 3000,
  ) {}

  /** The broker ids of the cluster; throws when it does not answer in time. */
  async ping(): Promise<number[]> {
    const cluster = await this.call((admin) => admin.describeCluster());
    return cluster.brokers.map((broker) => broker.nodeId);
  }

  /** Per partition of `topic`, the offset the next produced message will get. */
  async highWatermarks(topic: string): Promise<Map<number, bigint>> {
    const offsets = await this.call((admin) => admin.fetchTopicOffsets(topic));
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    this.connecting = null;
    await admin?.disconnect().catch(() => undefined);
  }

  private async call<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.connected().then(work), timeout]);
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private connected(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    if (!this.connecting) {
      const admin = this.kafka.admin({ retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 } });
      const connecting: Promise<Admin> = admin.connect().then(
        async () => {
          // Closed while connecting: do not keep a connection nobody will close.
          if (this.connecting !== connecting) {
            await admin.disconnect().catch(() => undefined);
            throw new Error('Kafka probe closed');
          }
          this.admin = admin;
          return admin;
        },
        (error: Error) => {
          if (this.connecting === connecting) this.connecting = null;
          throw error;
        },
      );
      this.connecting = connecting;
    }
    return this.connecting;
  }
}

import { MessagingMetrics } from './messaging.metrics';

const sampleOf = async (metrics: MessagingMetrics, name: string) =>
  (await metrics.registry.getMetricsAsJSON()).find((metric) => metric.name === name)?.values ?? [];

describe('MessagingMetrics', () => {
  it('reports each partition’s lag from the source at scrape time, labelled by group, topic and partition', async () => {
    const metrics = new MessagingMetrics('scoring');
    let lag = 7;
    metrics.measureLagWith(async () => [
      { consumerGroup: 'scoring.responses', topic: 'hailong.intake.responses', partition: 0, lag },
      { consumerGroup: 'scoring.responses', topic: 'hailong.intake.responses', partition: 1, lag: 0 },
    ]);
    expect(await sampleOf(metrics, 'hailong_consumer_lag')).toEqual([
      { value: 7, labels: { consumer_group: 'scoring.responses', topic: 'hailong.intake.responses', partition: '0', service: 'scoring' } },
      { value: 0, labels: { consumer_group: 'scoring.responses', topic: 'hailong.intake.responses', partition: '1', service: 'scoring' } },
    ]);
    lag = 2;
    expect((await sampleOf(metrics, 'hailong_consumer_lag'))[0].value).toBe(2);
  });

  it('keeps the last lag it measured when the broker does not answer, rather than reporting zero', async () => {
    const metrics = new MessagingMetrics('scoring');
    let fail = false;
    metrics.measureLagWith(async () => {
      if (fail) throw new Error('Kafka did not answer');
      return [{ consumerGroup: 'g', topic: 't', partition: 0, lag: 40 }];
    });
    await sampleOf(metrics, 'hailong_consumer_lag');
    fail = true;
    expect((await sampleOf(metrics, 'hailong_consumer_lag')).map((s) => s.value)).toEqual([40]);
  });

  it('reports the outbox backlog and the age of its oldest event', async () => {
    const metrics = new MessagingMetrics('survey-intake');
    metrics.measureOutboxWith(async () => ({ unpublished: 12, oldestAgeSeconds: 3.5 }));
    expect((await sampleOf(metrics, 'hailong_outbox_backlog')).map((s) => s.value)).toEqual([12]);
    expect((await sampleOf(metrics, 'hailong_outbox_oldest_unpublished_seconds')).map((s) => s.value)).toEqual([3.5]);
  });

  it('counts produced, consumed and dead-lettered events in a registry of its own per service', async () => {
    const a = new MessagingMetrics('scoring');
    const b = new MessagingMetrics('audit');
    a.deadLetters.inc({ consumer_group: 'g', topic: 't' });
    a.consumed.inc({ consumer_group: 'g', topic: 't', outcome: 'applied' }, 3);
    expect((await sampleOf(a, 'hailong_dead_letters_total')).map((s) => s.value)).toEqual([1]);
    expect((await sampleOf(a, 'hailong_events_consumed_total')).map((s) => s.value)).toEqual([3]);
    expect(await sampleOf(b, 'hailong_dead_letters_total')).toEqual([]);
  });
});

import { platformEvents, Topics } from '@hailong/contracts';
import { readTopicToEnd } from '@hailong/platform/messaging';
import { BenchPlatform } from './bench-platform';
import { sleep } from './stats';

/** Waits until the intake's relay has sent everything in its outbox (or the time is up). */
export async function waitForOutboxEmpty(platform: BenchPlatform, timeoutMs = 120000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await platform.pool.query(`SELECT count(*)::int AS n FROM intake.outbox WHERE published_at IS NULL`);
    if (rows[0].n === 0 || Date.now() > deadline) return rows[0].n as number;
    await sleep(100);
  }
}

/**
 * Every acknowledged response id must be stored in intake.responses and carried by a ResponseSubmitted
 * event on the response topic. Returns the ids missing from each; a run that loses one fails.
 */
export async function missingAcknowledged(
  platform: BenchPlatform,
  ids: readonly string[],
): Promise<{ inDatabase: number; inTopic: number }> {
  const { rows } = await platform.pool.query(`SELECT count(*)::int AS n FROM intake.responses WHERE response_id = ANY($1::uuid[])`, [ids]);
  const inDatabase = ids.length - (rows[0].n as number);
  await waitForOutboxEmpty(platform);
  const wanted = new Set(ids);
  await readTopicToEnd(platform.kafka, platform.messaging, Topics.intakeResponses, async (_partition, messages) => {
    for (const m of messages) {
      if (!m.value) continue;
      const event = platformEvents.decode(m.value);
      if (event.type === 'ResponseSubmitted') wanted.delete((event.data as { responseId: string }).responseId);
    }
  });
  return { inDatabase, inTopic: wanted.size };
}

import { EntityManager } from 'typeorm';

/**
 * What the read model holds, as one string that changes whenever it changes: the offsets every consumer
 * group of the schema has applied (scoring's events and the directory view's), which advance in the
 * transaction that changes the tables. Asked once per request, it costs one small indexed read.
 */
export async function readModelVersion(manager: EntityManager, schema: string): Promise<string> {
  const [row]: { version: string | null }[] = await manager.query(
    `SELECT string_agg(next_offset::text, ',' ORDER BY consumer_group, topic, partition) AS version FROM "${schema}".consumer_offsets`,
  );
  return row?.version ?? '';
}

/**
 * Answers of the read model by question and by the version they were computed at: a question asked
 * again before the read model moves on gets the same answer without reading and computing it again (a
 * campaign's figures at a million responses cost seconds of bootstrap), and askers of one question at
 * once wait for one computation. The version is read before the computation starts, so an answer is
 * never older than the version it is filed under. Failures are not kept.
 */
export class AnswerCache<T> {
  private readonly answers = new Map<string, Promise<T>>();

  constructor(private readonly limit: number) {}

  answer(version: string, question: string, compute: () => Promise<T>): Promise<T> {
    const key = `${version}\n${question}`;
    const known = this.answers.get(key);
    if (known) {
      // Most recently used last, so the oldest is evicted first.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const computing = compute();
    this.answers.set(key, computing);
    computing.catch(() => {
      if (this.answers.get(key) === computing) this.answers.delete(key);
    });
    while (this.answers.size > this.limit) this.answers.delete(this.answers.keys().next().value as string);
    return computing;
  }
}

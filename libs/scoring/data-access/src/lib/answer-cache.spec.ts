import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  const counting = () => {
    let runs = 0;
    return { compute: async () => `answer ${++runs}`, runs: () => runs };
  };

  it('computes a question once per version, and once for askers who ask at the same time', async () => {
    const cache = new AnswerCache<string>(8);
    const work = counting();
    const together = await Promise.all([cache.answer('v1', 'q', work.compute), cache.answer('v1', 'q', work.compute)]);
    expect(together).toEqual(['answer 1', 'answer 1']);
    expect(await cache.answer('v1', 'q', work.compute)).toBe('answer 1');
    expect(work.runs()).toBe(1);
  });

  it('computes again once the read model has moved to another version, and keeps questions apart', async () => {
    const cache = new AnswerCache<string>(8);
    const work = counting();
    await cache.answer('v1', 'q', work.compute);
    expect(await cache.answer('v2', 'q', work.compute)).toBe('answer 2');
    expect(await cache.answer('v2', 'other', work.compute)).toBe('answer 3');
  });

  it('does not keep a failure: the next asker computes again', async () => {
    const cache = new AnswerCache<string>(8);
    await expect(cache.answer('v1', 'q', async () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.answer('v1', 'q', async () => 'recovered')).toBe('recovered');
  });

  it('keeps at most its limit, dropping the least recently asked', async () => {
    const cache = new AnswerCache<string>(2);
    const work = counting();
    await cache.answer('v', 'a', work.compute); // answer 1
    await cache.answer('v', 'b', work.compute); // answer 2
    await cache.answer('v', 'a', work.compute); // a asked again: b is now the oldest
    await cache.answer('v', 'c', work.compute); // answer 3, drops b
    expect(await cache.answer('v', 'a', work.compute)).toBe('answer 1');
    expect(await cache.answer('v', 'b', work.compute)).toBe('answer 4');
  });
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/http';
import { countsOf, TabletQueue, TabletResponse } from './tablet-queue';
import { SyncAnswer, syncQueue } from './tablet-sync';

let seq = 0;
const open: TabletQueue[] = [];
async function freshQueue() {
  const queue = await TabletQueue.open(`hailong-tablet-spec-${++seq}`);
  open.push(queue);
  return queue;
}

const response = (id: string, extra: Partial<TabletResponse> = {}): TabletResponse => ({
  tabletResponseId: id,
  campaignId: '11111111-1111-4111-8111-111111111111',
  unitId: '22222222-2222-4222-8222-222222222222',
  procedureId: 'id-card',
  serviceDate: '2026-11-28',
  answers: [{ itemId: 'A1', level: 4 }],
  ...extra,
});

const enqueue = (queue: TabletQueue, id: string, at: number, extra: Partial<TabletResponse> = {}) =>
  queue.add({ queuedAt: at, unitName: 'Công an phường Vĩnh Yên', procedureName: 'Cấp CCCD', response: response(id, extra) });

/** The server of sync-batch.handler.ts in miniature: each tablet id counts once, a refused one names its field. */
function server(refuse: string[] = []) {
  const stored = new Set<string>();
  const batches: string[][] = [];
  const send = async (batch: TabletResponse[]): Promise<SyncAnswer> => {
    batches.push(batch.map((r) => r.tabletResponseId));
    const outcomes = batch.map((r) => {
      if (refuse.includes(r.tabletResponseId))
        return {
          tabletResponseId: r.tabletResponseId,
          outcome: 'refused' as const,
          status: 422,
          errors: [{ field: 'serviceDate', reason: 'outside the campaign period' }],
        };
      const outcome = stored.has(r.tabletResponseId) ? ('duplicate' as const) : ('accepted' as const);
      stored.add(r.tabletResponseId);
      return { tabletResponseId: r.tabletResponseId, outcome, responseId: `resp-${r.tabletResponseId}`, late: false };
    });
    return { accepted: 0, duplicates: 0, refused: 0, outcomes };
  };
  return { stored, batches, send };
}

afterEach(() => {
  for (const queue of open.splice(0)) queue.close();
});

describe('TabletQueue (IndexedDB through idb)', () => {
  it('keeps forms oldest first, survives reopening, and refuses the same tablet id twice', async () => {
    const name = `hailong-tablet-spec-${++seq}`;
    const first = await TabletQueue.open(name);
    await enqueue(first, 'r-2', 2000);
    await enqueue(first, 'r-1', 1000);
    await expect(enqueue(first, 'r-1', 3000)).rejects.toThrow();
    first.close();
    const reopened = await TabletQueue.open(name);
    open.push(reopened);
    expect((await reopened.all()).map((e) => [e.tabletResponseId, e.status])).toEqual([
      ['r-1', 'queued'],
      ['r-2', 'queued'],
    ]);
  });

  it('records accepted, duplicate and refused answers; a sent form keeps no free text or contact details', async () => {
    const queue = await freshQueue();
    await enqueue(queue, 'a', 1, { freeText: 'chậm', contact: { consent: true, phone: '0912345678' } });
    await enqueue(queue, 'b', 2);
    await enqueue(queue, 'c', 3);
    await queue.record(
      [
        { tabletResponseId: 'a', outcome: 'accepted', responseId: 'resp-a', late: false },
        { tabletResponseId: 'b', outcome: 'duplicate', responseId: 'resp-b', late: false },
        { tabletResponseId: 'c', outcome: 'refused', status: 422, errors: [{ field: 'procedureId', reason: 'not handled by this unit' }] },
      ],
      5000,
    );
    const [a, b, c] = await queue.all();
    expect(a).toMatchObject({ status: 'sent', responseId: 'resp-a', duplicate: false, sentAt: 5000 });
    expect(a.response.freeText).toBeUndefined();
    expect(a.response.contact).toBeUndefined();
    expect(a.response.answers).toEqual([{ itemId: 'A1', level: 4 }]);
    expect(b).toMatchObject({ status: 'sent', duplicate: true });
    expect(c).toMatchObject({ status: 'refused', errors: [{ field: 'procedureId', reason: 'not handled by this unit' }] });
    expect(countsOf(await queue.all())).toEqual({ queued: 0, sent: 2, refused: 1 });
    expect(await queue.clearSent()).toBe(2);
    expect((await queue.all()).map((e) => e.tabletResponseId)).toEqual(['c']);
  });
});

describe('syncQueue', () => {
  it('sends the queued forms in batches, oldest first, and leaves nothing queued', async () => {
    const queue = await freshQueue();
    for (let i = 1; i <= 5; i++) await enqueue(queue, `r-${i}`, i);
    const api = server(['r-4']);
    const report = await syncQueue(queue, api.send, 2);
    expect(api.batches).toEqual([['r-1', 'r-2'], ['r-3', 'r-4'], ['r-5']]);
    expect(report).toEqual({ accepted: 4, duplicates: 0, refused: 1, stopped: null });
    expect(countsOf(await queue.all())).toEqual({ queued: 0, sent: 4, refused: 1 });
  });

  it('keeps a batch queued when its answer is lost, and the resend counts each form once', async () => {
    const queue = await freshQueue();
    for (let i = 1; i <= 3; i++) await enqueue(queue, `r-${i}`, i);
    const api = server();
    // The server stores the batch, but the answer never reaches the tablet (the connection drops).
    const lostAnswer = async (batch: TabletResponse[]) => {
      await api.send(batch);
      throw new NetworkError(new TypeError('Failed to fetch'));
    };
    expect(await syncQueue(queue, lostAnswer)).toEqual({ accepted: 0, duplicates: 0, refused: 0, stopped: 'offline' });
    expect(countsOf(await queue.all())).toEqual({ queued: 3, sent: 0, refused: 0 });

    expect(await syncQueue(queue, api.send)).toEqual({ accepted: 0, duplicates: 3, refused: 0, stopped: null });
    expect(api.stored.size).toBe(3);
    expect(countsOf(await queue.all())).toEqual({ queued: 0, sent: 3, refused: 0 });
    // Nothing queued: a third sync sends nothing.
    expect(await syncQueue(queue, api.send)).toEqual({ accepted: 0, duplicates: 0, refused: 0, stopped: null });
    expect(api.batches).toHaveLength(2);
  });

  it('stops at the first failed batch, naming why: the device credential, the sign-in, or the server', async () => {
    const queue = await freshQueue();
    await enqueue(queue, 'r-1', 1);
    const failing = (error: unknown) => async () => {
      throw error;
    };
    const deviceRefused = new ApiError(401, {
      statusCode: 401,
      errors: [{ field: 'x-device-credential', reason: 'not an enrolled tablet' }],
    });
    expect((await syncQueue(queue, failing(deviceRefused))).stopped).toBe('device');
    expect((await syncQueue(queue, failing(new ApiError(401, { statusCode: 401 })))).stopped).toBe('signed-out');
    expect((await syncQueue(queue, failing(new ApiError(403, null)))).stopped).toBe('signed-out');
    expect((await syncQueue(queue, failing(new ApiError(503, null)))).stopped).toBe('server');
    expect(countsOf(await queue.all())).toEqual({ queued: 1, sent: 0, refused: 0 });
  });
});

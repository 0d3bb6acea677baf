import { ApiError, NetworkError } from '../api/http';
import type { SyncOutcome, TabletQueue, TabletResponse } from './tablet-queue';

/** POST /tablets/sync's answer. */
export interface SyncAnswer {
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly outcomes: readonly SyncOutcome[];
}

/** Why a sync stopped before the queue was empty; the forms not sent stay queued. */
export type SyncStop = 'offline' | 'signed-out' | 'device' | 'server';

export interface SyncReport {
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly stopped: SyncStop | null;
}

/** The server takes at most 500 forms a batch; smaller batches lose less to a cut connection. */
export const BATCH_SIZE = 50;

export function stopOf(error: unknown): SyncStop {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof ApiError && error.status === 401) {
    // The device guard names its header; anything else is the surveyor's sign-in.
    return error.body?.errors?.some((e) => e.field === 'x-device-credential') ? 'device' : 'signed-out';
  }
  if (error instanceof ApiError && error.status === 403) return 'signed-out';
  return 'server';
}

/**
 * Sends the queued forms in batches, oldest first, and records each answer before the next batch. A
 * batch whose answer never arrives stays queued and is sent again later under the same tablet ids, so
 * the server counts each form once however often it is sent.
 */
export async function syncQueue(
  queue: Pick<TabletQueue, 'queued' | 'record'>,
  send: (batch: TabletResponse[]) => Promise<SyncAnswer>,
  batchSize = BATCH_SIZE,
): Promise<SyncReport> {
  const pending = await queue.queued();
  let accepted = 0;
  let duplicates = 0;
  let refused = 0;
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize).map((e) => e.response);
    let answer: SyncAnswer;
    try {
      answer = await send(batch);
    } catch (error) {
      return { accepted, duplicates, refused, stopped: stopOf(error) };
    }
    await queue.record(answer.outcomes);
    accepted += answer.outcomes.filter((o) => o.outcome === 'accepted').length;
    duplicates += answer.outcomes.filter((o) => o.outcome === 'duplicate').length;
    refused += answer.outcomes.filter((o) => o.outcome === 'refused').length;
  }
  return { accepted, duplicates, refused, stopped: null };
}

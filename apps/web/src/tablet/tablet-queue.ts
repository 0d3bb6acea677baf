import { DBSchema, IDBPDatabase, openDB } from 'idb';
import type { RatingBody } from '../citizen/rating-form-model';

/** One form as POST /tablets/sync takes it (TabletResponseDto): the tablet's own id makes a resend count once. */
export interface TabletResponse extends RatingBody {
  readonly tabletResponseId: string;
  readonly campaignId: string;
  readonly unitId: string;
  readonly procedureId: string;
  readonly serviceDate: string;
}

export interface FieldError {
  readonly field: string;
  readonly reason?: string;
  readonly reasonVi?: string;
  readonly message?: string;
  readonly messageVi?: string;
}

/** What the server answered for one form (sync-batch.handler.ts, SyncOutcome). */
export type SyncOutcome =
  | {
      readonly tabletResponseId: string | null;
      readonly outcome: 'accepted' | 'duplicate';
      readonly responseId: string;
      readonly late: boolean;
    }
  | {
      readonly tabletResponseId: string | null;
      readonly outcome: 'refused';
      readonly status: number;
      readonly errors: readonly FieldError[];
    };

export type QueueStatus = 'queued' | 'sent' | 'refused';

export interface QueuedResponse {
  readonly tabletResponseId: string;
  readonly status: QueueStatus;
  /** Milliseconds since the epoch. */
  readonly queuedAt: number;
  readonly response: TabletResponse;
  /** What the list shows without the questionnaire at hand. */
  readonly unitName: string;
  readonly procedureName: string;
  readonly sentAt?: number;
  readonly responseId?: string;
  /** Sent before: the server already had it (a batch resent after a cut connection). */
  readonly duplicate?: boolean;
  readonly errors?: readonly FieldError[];
}

interface QueueSchema extends DBSchema {
  responses: { key: string; value: QueuedResponse; indexes: { 'by-queued-at': number } };
}

export const QUEUE_DATABASE = 'hailong-tablet';

/**
 * The forms of this tablet in IndexedDB: they survive a closed tab, a reload without a network and a
 * restart of the device. A form leaves the queue only by the server's answer for it.
 */
export class TabletQueue {
  private constructor(private readonly db: IDBPDatabase<QueueSchema>) {}

  static async open(name = QUEUE_DATABASE): Promise<TabletQueue> {
    const db = await openDB<QueueSchema>(name, 1, {
      upgrade(database) {
        const store = database.createObjectStore('responses', { keyPath: 'tabletResponseId' });
        store.createIndex('by-queued-at', 'queuedAt');
      },
    });
    return new TabletQueue(db);
  }

  /** Adds a finished form; the same tablet id twice is refused by IndexedDB rather than overwritten. */
  async add(entry: Omit<QueuedResponse, 'status' | 'tabletResponseId'>): Promise<QueuedResponse> {
    const queued: QueuedResponse = { ...entry, tabletResponseId: entry.response.tabletResponseId, status: 'queued' };
    await this.db.add('responses', queued);
    return queued;
  }

  /** Every form on the device, oldest first. */
  all(): Promise<QueuedResponse[]> {
    return this.db.getAllFromIndex('responses', 'by-queued-at');
  }

  async queued(): Promise<QueuedResponse[]> {
    return (await this.all()).filter((e) => e.status === 'queued');
  }

  /**
   * Records the server's answers in one transaction. A sent form keeps its answers for the list but no
   * longer its free text or contact details: the server holds those now, encrypted.
   */
  async record(outcomes: readonly SyncOutcome[], now = Date.now()): Promise<void> {
    const tx = this.db.transaction('responses', 'readwrite');
    for (const outcome of outcomes) {
      if (!outcome.tabletResponseId) continue;
      const entry = await tx.store.get(outcome.tabletResponseId);
      if (!entry || entry.status === 'sent') continue;
      if (outcome.outcome === 'refused') {
        await tx.store.put({ ...entry, status: 'refused', errors: outcome.errors });
      } else {
        const kept: TabletResponse = { ...entry.response };
        delete kept.freeText;
        delete kept.contact;
        await tx.store.put({
          ...entry,
          response: kept,
          status: 'sent',
          sentAt: now,
          responseId: outcome.responseId,
          duplicate: outcome.outcome === 'duplicate',
          errors: undefined,
        });
      }
    }
    await tx.done;
  }

  /** Frees the device of forms the server has; queued and refused ones stay. */
  async clearSent(): Promise<number> {
    const tx = this.db.transaction('responses', 'readwrite');
    let removed = 0;
    for (const entry of await tx.store.getAll()) {
      if (entry.status !== 'sent') continue;
      await tx.store.delete(entry.tabletResponseId);
      removed++;
    }
    await tx.done;
    return removed;
  }

  close(): void {
    this.db.close();
  }
}

export interface QueueCounts {
  readonly queued: number;
  readonly sent: number;
  readonly refused: number;
}

export const countsOf = (entries: readonly QueuedResponse[]): QueueCounts => ({
  queued: entries.filter((e) => e.status === 'queued').length,
  sent: entries.filter((e) => e.status === 'sent').length,
  refused: entries.filter((e) => e.status === 'refused').length,
});

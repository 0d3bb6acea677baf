import { Actor } from '@hailong/contracts';
import { DirectoryEvent, UnitHistory } from '@hailong/directory/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One committed directory event with what the history endpoint shows about it. */
export interface LoggedEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly unitId: string;
  readonly version: number;
  readonly event: DirectoryEvent;
  readonly recordedAt: string;
  readonly actor: Actor | Record<string, never>;
}

interface EventRow {
  seq: string;
  event_id: string;
  unit_id: string;
  version: number;
  event_type: DirectoryEvent['type'];
  data: DirectoryEvent['data'];
  recorded_at: Date;
  actor: LoggedEvent['actor'];
}

/**
 * The whole directory log, held in memory and caught up from `directory.unit_events` by commit order
 * (`seq`) before every use. It only ever holds committed rows, so a rolled-back write leaves no trace,
 * and a write by another process is seen by the next read here. Writers hold one advisory lock until
 * they commit, so `seq` order is commit order and reading `seq > last` never skips a late commit.
 *
 * A province's directory is a few hundred units and a few thousand events; the whole country's would
 * be tens of thousands, still comfortably in memory.
 */
@Injectable()
export class DirectoryLog {
  private lastSeq = 0;
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly byEventId = new Map<string, LoggedEvent>();
  private catchingUp: Promise<void> = Promise.resolve();

  /** Reads what was committed since the last call; concurrent callers share one read. */
  catchUp(manager: EntityManager): Promise<void> {
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.readNew(manager));
    return this.catchingUp;
  }

  private async readNew(manager: EntityManager): Promise<void> {
    const rows: EventRow[] = await manager.query(
      `SELECT seq, event_id, unit_id, version, event_type, data, recorded_at, actor
         FROM directory.unit_events WHERE seq > $1 ORDER BY seq`,
      [this.lastSeq],
    );
    for (const row of rows) {
      const logged: LoggedEvent = {
        seq: Number(row.seq),
        eventId: row.event_id,
        unitId: row.unit_id,
        version: row.version,
        event: { type: row.event_type, data: row.data } as DirectoryEvent,
        recordedAt: row.recorded_at.toISOString(),
        actor: row.actor,
      };
      if (logged.seq <= this.lastSeq) continue;
      this.streams.set(logged.unitId, [...(this.streams.get(logged.unitId) ?? []), logged]);
      this.byEventId.set(logged.eventId, logged);
      this.lastSeq = logged.seq;
    }
  }

  /** Every unit's stream of events, in order. */
  histories(): UnitHistory[] {
    return [...this.streams.values()].map((stream) => stream.map((e) => e.event));
  }

  history(unitId: string): UnitHistory {
    return (this.streams.get(unitId) ?? []).map((e) => e.event);
  }

  loggedHistory(unitId: string): readonly LoggedEvent[] {
    return this.streams.get(unitId) ?? [];
  }

  event(eventId: string): LoggedEvent | null {
    return this.byEventId.get(eventId) ?? null;
  }
}

import { DirectoryView, directoryViewSubscription } from '@hailong/directory/view';
import { UnitOnServiceDate } from '@hailong/intake/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a submission needs to know of its unit: whether the directory ever named it, and where it stood on the service date. */
export interface UnitOnDate {
  readonly unitKnown: boolean;
  readonly unit: UnitOnServiceDate | null;
}

/** Enough ancestors for any police hierarchy; stops a malformed parent cycle. */
const MAX_DEPTH = 16;
/** Units × service dates kept before starting afresh (a province's communes over a few weeks of dates). */
const MAX_ENTRIES = 50_000;

/**
 * Where a unit stood on a service date, read from intake's directory view. Every response asks it,
 * and a commune's answer takes a query per level of the hierarchy, so the answers are kept while the
 * view is unchanged: each call first reads the view's version (its newest ledger place and how far
 * its consumer has read, both committed with the events they stand for: one index lookup each), and
 * a new version forgets every kept answer. So an answer is never older than the view the request sees.
 */
@Injectable()
export class UnitsOnServiceDate {
  private version: string | null = null;
  private readonly kept = new Map<string, UnitOnDate>();

  /**
   * The view's version as an SQL expression, for a caller to read in a statement it sends anyway
   * (the response's campaign) and pass to `get`: one round trip fewer.
   */
  readonly versionSql: string;

  constructor(private readonly directory: DirectoryView) {
    const schema = `"${directory.schema}"`;
    // The consumer group ends in the subscription's name (a constant, not a caller's input).
    this.versionSql = `SELECT coalesce((SELECT max(ledger_sequence) FROM ${schema}.directory_events), 0) || '/' ||
        coalesce((SELECT sum(next_offset) FROM ${schema}.consumer_offsets WHERE consumer_group LIKE '%.${directoryViewSubscription.name}'), 0)`;
  }

  /** `version`: the value of `versionSql` read in this transaction, when the caller has it. */
  async get(manager: EntityManager, unitId: string, date: string, version?: string | null): Promise<UnitOnDate> {
    version ??= await this.viewVersion(manager);
    if (version !== this.version) {
      this.kept.clear();
      this.version = version;
    }
    const key = `${unitId.toLowerCase()}|${date}`;
    const kept = this.kept.get(key);
    if (kept) return kept;
    const unitKnown = await this.directory.isKnown(manager, unitId);
    const answer: UnitOnDate = { unitKnown, unit: unitKnown ? await this.unitOn(manager, unitId, date) : null };
    // Read under an older version, the answer may be newer than that version: kept only while it is current.
    if (this.version === version) {
      if (this.kept.size >= MAX_ENTRIES) this.kept.clear();
      this.kept.set(key, answer);
    }
    return answer;
  }

  private async viewVersion(manager: EntityManager): Promise<string> {
    const [row]: { version: string }[] = await manager.query(`SELECT (${this.versionSql})::text AS version`);
    return row.version;
  }

  /** The unit as it was on the service date, with the units above it then. */
  private async unitOn(manager: EntityManager, unitId: string, date: string): Promise<UnitOnServiceDate | null> {
    const unit = await this.directory.unitOn(manager, unitId, date);
    if (!unit) return null;
    const ancestorIds: string[] = [];
    let parentId = unit.parentId;
    while (parentId && ancestorIds.length < MAX_DEPTH && !ancestorIds.includes(parentId)) {
      ancestorIds.push(parentId);
      parentId = (await this.directory.unitOn(manager, parentId, date))?.parentId ?? null;
    }
    return { unitId: unit.unitId, unitType: unit.unitType, code: unit.code, ancestorIds };
  }
}

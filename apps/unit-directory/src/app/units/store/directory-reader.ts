import { latestState, recordedOn, stateOn, UnitHistory, UnitState } from '@hailong/directory/domain';
import { AccountUnits } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DirectoryLog } from './directory-log';

/** Reads answered from the log after catching up on what any process committed. */
@Injectable()
export class DirectoryReader implements AccountUnits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: DirectoryLog,
  ) {}

  async current(): Promise<DirectoryLog> {
    await this.log.catchUp(this.dataSource.manager);
    return this.log;
  }

  /** Whether the directory has the unit, and whether it is valid today (an ended unit has no staff of its own). */
  async statusToday(unitId: string): Promise<'unknown' | 'ended' | 'current'> {
    const history = (await this.current()).history(unitId.toLowerCase());
    if (history.length === 0) return 'unknown';
    // A unit that starts later is already current for its future staff; one that has ended is not.
    const validTo = latestState(history)?.validTo ?? null;
    return validTo !== null && validTo <= todayInVietnam() ? 'ended' : 'current';
  }

  /** The unit's latest state, or as it was on `on` (404 if it was not valid then). */
  async unit(unitId: string, on?: string): Promise<UnitState> {
    return unitIn(await this.current(), unitId, on);
  }
}

/** As `DirectoryReader.unit`, over a log the caller has already caught up (one read per request). */
export function unitIn(log: DirectoryLog, unitId: string, on?: string): UnitState {
  const history = historyIn(log, unitId);
  const state = on ? stateOn(history, on) : latestState(history);
  if (!state) {
    const recorded = on ? recordedOn(history, on) : null;
    throw notFound(
      unitId,
      recorded ? `unit ${unitId} was not valid on ${on}` : `unit ${unitId} did not exist on ${on}`,
      `đơn vị ${unitId} không có hiệu lực vào ngày ${on}`,
    );
  }
  return state;
}

/** The unit's stream in a caught-up log, or 404. */
export function historyIn(log: DirectoryLog, unitId: string): UnitHistory {
  const history = log.history(unitId);
  if (history.length === 0) throw notFound(unitId, `no unit ${unitId}`, `không có đơn vị ${unitId}`);
  return history;
}

function notFound(unitId: string, message: string, messageVi: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message, messageVi, unitId });
}

import { DirectoryCommand, UnitState } from '@hailong/directory/domain';
import { Actor } from '@hailong/platform/auth';
import { Injectable } from '@nestjs/common';
import { Response } from 'express';
import { DirectoryLog } from '../store/directory-log';
import { DirectoryWriter } from '../store/directory-writer';
import { setUnitETag, versionFromIfMatch } from './etag';

export interface UnitCommandRequest {
  readonly unitId: string;
  readonly ifMatch: string | undefined;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly response: Response;
}

/** What every single-unit change does over HTTP: If-Match in, one command decided, the unit and its new ETag out. */
@Injectable()
export class UnitCommandRunner {
  constructor(private readonly writer: DirectoryWriter) {}

  async run(request: UnitCommandRequest, command: (log: DirectoryLog) => DirectoryCommand): Promise<UnitState> {
    const expected = versionFromIfMatch(request.ifMatch);
    const { units } = await this.writer.execute((log) => [command(log)], {
      actor: request.actor,
      correlationId: request.correlationId,
      expectedVersions: new Map([[request.unitId, expected]]),
    });
    const unit = units.find((u) => u.unitId === request.unitId) as UnitState;
    setUnitETag(request.response, unit.version);
    return unit;
  }
}

import { Roles } from '@hailong/contracts';
import { RegisterUnit, UnitRegisteredData } from '@hailong/directory/domain';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { setUnitETag } from '../../http/etag';
import { DirectoryLog } from '../../store/directory-log';
import { DirectoryReader } from '../../store/directory-reader';
import { DirectoryWriter } from '../../store/directory-writer';
import { RegisterUnitRequestDto } from './register-unit.request.dto';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class RegisterUnitController {
  constructor(
    private readonly writer: DirectoryWriter,
    private readonly reader: DirectoryReader,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  async register(
    @Body() body: RegisterUnitRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const unitId = body.unitId ?? randomUUID();
    const command = { type: 'RegisterUnit' as const, ...body, unitId, parentId: body.parentId ?? null, areaCode: body.areaCode ?? null };
    // A retry of the same registration (same unitId, same data) changes nothing and answers 200.
    const isRetry = (log: DirectoryLog) => isDeepStrictEqual(log.history(unitId)[0]?.data, eventDataOf(command));
    const { units } = await this.writer.execute((log) => (isRetry(log) ? [] : [command]), { actor, correlationId });
    const unit = units[0] ?? (await this.reader.unit(unitId));
    if (units.length === 0) response.status(200);
    setUnitETag(response, unit.version);
    response.setHeader('Location', `/units/${unit.unitId}`);
    return unit;
  }
}

function eventDataOf({ type: _type, ...data }: RegisterUnit): UnitRegisteredData {
  return data;
}

import { ALL_ROLES } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AsOfQueryDto } from '@hailong/platform/http';
import { setUnitETag } from '../../http/etag';
import { DirectoryReader, unitIn } from '../../store/directory-reader';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class GetUnitController {
  constructor(private readonly reader: DirectoryReader) {}

  /** The unit now (with the ETag a change must send as If-Match), or as it was on `?on=`. */
  @Get(':unitId')
  @AllowRoles(...ALL_ROLES)
  async get(
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
    @Query() query: AsOfQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const log = await this.reader.current();
    const latest = unitIn(log, unitId);
    setUnitETag(response, latest.version);
    return query.on ? unitIn(log, unitId, query.on) : latest;
  }
}

import { ALL_ROLES } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { UnitStore } from '../../unit.store';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class GetUnitController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: UnitStore,
  ) {}

  @Get(':unitId')
  @AllowRoles(...ALL_ROLES)
  async get(@Param('unitId', new ParseUUIDPipe()) unitId: string, @Res({ passthrough: true }) response: Response) {
    const unit = await this.store.load(this.dataSource.manager, unitId);
    if (!unit) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no unit ${unitId}`, messageVi: `không có đơn vị ${unitId}` });
    response.setHeader('ETag', `"${unit.version}"`);
    return unit;
  }
}

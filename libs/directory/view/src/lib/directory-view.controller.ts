import { ALL_ROLES } from '@hailong/contracts';
import { toTreeView } from '@hailong/directory/history';
import { AllowRoles } from '@hailong/platform/auth';
import { AsOfQueryDto, todayInVietnam } from '@hailong/platform/http';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DirectoryView } from './directory-view';

/**
 * What this service knows of the directory, read from its own view: the same shapes as the
 * directory's own answers, so anyone can check that the copy agrees with the original.
 */
@ApiTags('directory view')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryViewController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly view: DirectoryView,
  ) {}

  /** The hierarchy on a date (today by default), as this service's view has it. */
  @Get('tree')
  @AllowRoles(...ALL_ROLES)
  async tree(@Query() query: AsOfQueryDto) {
    const on = query.on ?? todayInVietnam();
    return { on, roots: (await this.view.treeOn(this.dataSource.manager, on)).map(toTreeView) };
  }

  /** The unit as it was on a date (today by default), and who carries on its work then. */
  @Get('units/:unitId')
  @AllowRoles(...ALL_ROLES)
  async unit(@Param('unitId', new ParseUUIDPipe()) unitId: string, @Query() query: AsOfQueryDto) {
    const on = query.on ?? todayInVietnam();
    const manager = this.dataSource.manager;
    if (!(await this.view.isKnown(manager, unitId))) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `no unit ${unitId}`,
        messageVi: `không có đơn vị ${unitId}`,
      });
    }
    return { on, unit: await this.view.unitOn(manager, unitId, on), carriedOnBy: await this.view.successorsOf(manager, unitId, on) };
  }
}

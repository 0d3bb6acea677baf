import { ALL_ROLES } from '@hailong/contracts';
import { toTreeView, treeOn } from '@hailong/directory/domain';
import { AllowRoles } from '@hailong/platform/auth';
import { AsOfQueryDto, todayInVietnam } from '@hailong/platform/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryReader } from '../../store/directory-reader';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class GetUnitTreeController {
  constructor(private readonly reader: DirectoryReader) {}

  /** The hierarchy on a date (today by default): the units valid then, under the parents they had then, ordered by code. */
  @Get('tree')
  @AllowRoles(...ALL_ROLES)
  async tree(@Query() query: AsOfQueryDto) {
    const on = query.on ?? todayInVietnam();
    const log = await this.reader.current();
    return { on, roots: treeOn(log.histories(), on).map(toTreeView) };
  }
}

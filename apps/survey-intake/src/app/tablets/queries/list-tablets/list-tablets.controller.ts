import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TabletStore } from '../../tablet-store';

@ApiTags('tablets')
@ApiBearerAuth()
@Controller('tablets')
export class ListTabletsController {
  constructor(private readonly tablets: TabletStore) {}

  @Get()
  @AllowRoles(Roles.admin)
  async list() {
    return { tablets: await this.tablets.list() };
  }
}

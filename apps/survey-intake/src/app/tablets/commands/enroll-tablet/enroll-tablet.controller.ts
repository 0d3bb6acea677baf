import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Body, Controller, Header, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TabletStore } from '../../tablet-store';
import { EnrollTabletRequestDto } from './enroll-tablet.request.dto';

@ApiTags('tablets')
@ApiBearerAuth()
@Controller('tablets')
export class EnrollTabletController {
  constructor(private readonly tablets: TabletStore) {}

  /** The device id and its credential, in this answer only: it goes into the tablet's app at enrolment. */
  @Post()
  @AllowRoles(Roles.admin)
  @Header('cache-control', 'no-store')
  enroll(@Body() body: EnrollTabletRequestDto, @CurrentActor() actor: Actor) {
    return this.tablets.enroll(body.label, actor.id);
  }
}

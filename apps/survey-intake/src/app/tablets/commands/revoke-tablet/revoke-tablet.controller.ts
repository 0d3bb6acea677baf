import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TabletStore } from '../../tablet-store';

@ApiTags('tablets')
@ApiBearerAuth()
@Controller('tablets')
export class RevokeTabletController {
  constructor(private readonly tablets: TabletStore) {}

  /** A lost or retired tablet: its credential is refused from now on. Revoking twice changes nothing. */
  @Post(':deviceId/revoke')
  @HttpCode(200)
  @AllowRoles(Roles.admin)
  revoke(@Param('deviceId', new ParseUUIDPipe()) deviceId: string, @CurrentActor() actor: Actor) {
    return this.tablets.revoke(deviceId.toLowerCase(), actor.id);
  }
}

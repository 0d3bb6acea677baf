import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Body, Controller, Header, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IssueVisitTokenHandler } from './issue-visit-token.handler';
import { IssueVisitTokenRequestDto } from './issue-visit-token.request.dto';

@ApiTags('counter')
@ApiBearerAuth()
@Controller('counter/visit-tokens')
export class IssueVisitTokenController {
  constructor(private readonly handler: IssueVisitTokenHandler) {}

  /**
   * Staff at the counter, or the counter system with a device credential, when a case is handed
   * back: the token, the form's address and its QR code (a PNG data URL) for the receipt slip.
   */
  @Post()
  @AllowRoles(Roles.surveyor, Roles.campaignManager, Roles.device, Roles.admin)
  @Header('cache-control', 'no-store')
  issue(@Body() body: IssueVisitTokenRequestDto, @CurrentActor() actor: Actor) {
    return this.handler.execute(body, actor);
  }
}

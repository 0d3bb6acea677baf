import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SignCheckpointsHandler } from './sign-checkpoints.handler';

@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller('checkpoints')
export class SignCheckpointsController {
  constructor(private readonly handler: SignCheckpointsHandler) {}

  /**
   * Signs every ledger head that moved since its last checkpoint (or was signed under a retired key) and
   * publishes each as LedgerCheckpointSigned. Answers the checkpoints signed now and, per ledger, the
   * verified head and why it stops there. 503 when no signing key is configured.
   */
  @Post()
  @HttpCode(201)
  @AllowRoles(Roles.auditor, Roles.admin)
  sign(@CurrentActor() actor: Actor, @CorrelationId() correlationId: string) {
    return this.handler.execute('on-demand', { id: actor.id, kind: 'staff', roles: actor.roles }, { correlationId });
  }
}

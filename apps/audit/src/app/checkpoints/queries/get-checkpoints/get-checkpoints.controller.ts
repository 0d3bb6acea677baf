import { Public } from '@hailong/platform/auth';
import { Controller, Get, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CHECKPOINT_CONFIG, CheckpointConfig } from '../../checkpoint.config';
import { latestCheckpoints } from '../../commands/sign-checkpoints/sign-checkpoints.handler';

/**
 * Public on purpose: checkpoints and keys hold only hashes, places and public keys, and anyone holding
 * a receipt must be able to check it without an account.
 */
@ApiTags('checkpoints')
@Controller('checkpoints')
export class GetCheckpointsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHECKPOINT_CONFIG) private readonly config: CheckpointConfig,
  ) {}

  /** The keys checkpoints are signed with: the active one and the retired ones, as a JWKS (RFC 7517). */
  @Get('keys')
  @Public()
  keys() {
    return { keys: this.config.published };
  }

  /** The newest checkpoint of each ledger. */
  @Get()
  @Public()
  async latest() {
    return { checkpoints: [...(await latestCheckpoints(this.dataSource)).values()] };
  }
}

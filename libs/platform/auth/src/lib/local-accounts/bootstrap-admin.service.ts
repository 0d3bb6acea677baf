import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Roles } from '@hailong/contracts';
import { LOCAL_ACCOUNTS_OPTIONS } from '../auth.constants';
import { BootstrapAdmin } from './local-accounts.config';
import { LocalAccountsService } from './local-accounts.service';

/** The resolved issuer options: the bootstrap admin after reading and checking the environment. */
export interface ResolvedLocalAccountsOptions {
  bootstrapAdmin: BootstrapAdmin | null;
}

/**
 * Creates the first admin so a fresh installation can be administered. Runs after the
 * DataSource is up (and its migrations have run); restarts leave an existing account untouched.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    @Inject(LOCAL_ACCOUNTS_OPTIONS)
    private readonly options: ResolvedLocalAccountsOptions,
    private readonly accounts: LocalAccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
  }

  /** @returns whether this call created the account. */
  async ensureAdmin(): Promise<boolean> {
    const admin = this.options.bootstrapAdmin;
    if (!admin) {
      return false;
    }
    const created = await this.accounts.createIfAbsent({
      username: admin.username,
      password: admin.password,
      displayName: 'Quản trị viên',
      roles: [Roles.admin],
      unitId: null,
    });
    if (created) {
      this.logger.log(`Bootstrap admin "${admin.username}" created`);
    }
    return created;
  }
}

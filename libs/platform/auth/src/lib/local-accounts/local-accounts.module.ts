import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNT_UNITS, LOCAL_ACCOUNTS_OPTIONS } from '../auth.constants';
import { AuthModule } from '../auth.module';
import { BootstrapAdminService, ResolvedLocalAccountsOptions } from './bootstrap-admin.service';
import { JwksController } from './jwks.controller';
import { LocalAccountsController } from './local-accounts.controller';
import { bootstrapAdminFromEnv, LocalAccountsOptions, validateBootstrapAdmin } from './local-accounts.config';
import { LocalAccountsService } from './local-accounts.service';
import { PasswordHasher } from './password-hasher';
import { StaffAccount } from './staff-account.entity';
import { TokenIssuer } from './token-issuer';

/**
 * The platform's own token issuer: staff accounts, `POST /auth/token`, the JWKS and account
 * administration. Hosted by one service; it includes AuthModule, so that service must not
 * import AuthModule again. The host's TypeORM DataSource must load {@link StaffAccount}
 * (`autoLoadEntities` or `entities`) and run {@link createStaffAccountsMigration}.
 */
@Module({})
export class LocalAccountsModule {
  static forRoot(options: LocalAccountsOptions = {}): DynamicModule {
    return {
      module: LocalAccountsModule,
      imports: [
        AuthModule.forRoot(options.auth),
        TypeOrmModule.forFeature([StaffAccount]),
        ...(options.units ? [options.units.module] : []),
      ],
      controllers: [LocalAccountsController, JwksController],
      providers: [
        {
          provide: LOCAL_ACCOUNTS_OPTIONS,
          useFactory: (): ResolvedLocalAccountsOptions => {
            const admin = options.bootstrapAdmin === undefined ? bootstrapAdminFromEnv() : options.bootstrapAdmin;
            return {
              bootstrapAdmin: admin ? validateBootstrapAdmin(admin) : null,
            };
          },
        },
        ...(options.units ? [{ provide: ACCOUNT_UNITS, useExisting: options.units.provider }] : []),
        PasswordHasher,
        TokenIssuer,
        LocalAccountsService,
        BootstrapAdminService,
      ],
      exports: [LocalAccountsService, TokenIssuer, BootstrapAdminService],
    };
  }
}

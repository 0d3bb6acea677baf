import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_SETTINGS } from './auth.constants';
import { AuthConfig, authConfigFromEnv } from './config/auth.config';
import { AuthSettings, resolveAuthSettings } from './config/auth-settings';
import { AuthGuard } from './guard/auth.guard';
import { TokenVerifier } from './tokens/token-verifier';

/**
 * Token verification and the global fail-closed guard. Import once per app, in the root module;
 * the issuing service imports LocalAccountsModule instead, which brings this along.
 */
@Module({})
export class AuthModule {
  /** @param config the whole configuration; when omitted the AUTH_* variables are read. */
  static forRoot(config?: Partial<AuthConfig>): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        {
          provide: AUTH_SETTINGS,
          // Resolved while the app starts, so bad key material stops the start-up.
          useFactory: () => resolveAuthSettings(config ?? authConfigFromEnv()),
        },
        {
          provide: TokenVerifier,
          useFactory: (settings: AuthSettings) =>
            TokenVerifier.fromSettings(settings),
          inject: [AUTH_SETTINGS],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_SETTINGS, TokenVerifier],
    };
  }
}

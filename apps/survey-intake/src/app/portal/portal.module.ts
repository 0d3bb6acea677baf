import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { raw } from 'express';
import { ResponsesModule } from '../responses/responses.module';
import { CreateSigningKeyController } from './commands/create-signing-key/create-signing-key.controller';
import { RetireSigningKeyController } from './commands/retire-signing-key/retire-signing-key.controller';
import { SubmitPortalRatingController } from './commands/submit-portal-rating/submit-portal-rating.controller';
import { SubmitPortalRatingHandler } from './commands/submit-portal-rating/submit-portal-rating.handler';
import { NonceStore } from './nonce-store';
import { PORTAL_SETTINGS, portalSettingsFromEnv } from './portal-config';
import { PORTAL_MEDIA_TYPE } from './portal-signature';
import { PortalSignatureGuard } from './portal-signature.guard';
import { ListSigningKeysController } from './queries/list-signing-keys/list-signing-keys.controller';
import { SigningKeyStore } from './signing-key-store';

/** The online public services portal (DESIGN "Methods", 2): signed server-to-server ratings and their keys. */
@Module({
  imports: [ResponsesModule],
  controllers: [SubmitPortalRatingController, CreateSigningKeyController, RetireSigningKeyController, ListSigningKeysController],
  providers: [
    { provide: PORTAL_SETTINGS, useFactory: () => portalSettingsFromEnv() },
    SigningKeyStore,
    NonceStore,
    PortalSignatureGuard,
    SubmitPortalRatingHandler,
  ],
})
export class PortalModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The service's JSON parser skips this media type, so the signed bytes arrive untouched.
    consumer
      .apply(raw({ type: PORTAL_MEDIA_TYPE, limit: process.env['HTTP_BODY_LIMIT'] ?? '256kb' }))
      .forRoutes({ path: 'portal/ratings', method: RequestMethod.POST });
  }
}

import { Global, Module } from '@nestjs/common';
import { DestroyRespondentKeyController } from './commands/destroy-respondent-key/destroy-respondent-key.controller';
import { DestroyRespondentKeyHandler } from './commands/destroy-respondent-key/destroy-respondent-key.handler';
import { loadKeyEncryptionKey } from './key-encryption-key';
import { KEY_ENCRYPTION_KEY, RespondentKeyStore } from './respondent-key-store';

/** The key store and its key-encryption key, checked once at start-up; responses seal personal data through it. */
@Global()
@Module({
  controllers: [DestroyRespondentKeyController],
  providers: [{ provide: KEY_ENCRYPTION_KEY, useFactory: () => loadKeyEncryptionKey() }, RespondentKeyStore, DestroyRespondentKeyHandler],
  exports: [RespondentKeyStore, KEY_ENCRYPTION_KEY],
})
export class PersonalDataModule {}

import { platformEvents } from '@hailong/contracts';
import { LocalAccountsModule, StaffAccount } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { Module } from '@nestjs/common';
import { DIRECTORY_SCHEMA, directoryMigrations } from './migrations';
import { DirectoryReader } from './units/store/directory-reader';
import { UnitsModule } from './units/units.module';

@Module({
  imports: [
    PersistenceModule.forService({ schema: DIRECTORY_SCHEMA, migrations: directoryMigrations, entities: [StaffAccount] }),
    MessagingModule.forService({ service: 'unit-directory', schema: DIRECTORY_SCHEMA, registry: platformEvents }),
    // The platform's own token issuer lives with the directory: staff accounts belong to units.
    // (It brings the token-checking AuthModule with it.)
    LocalAccountsModule.forRoot({ units: { module: UnitsModule, provider: DirectoryReader } }),
    UnitsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}

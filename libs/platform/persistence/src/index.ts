export * from './lib/database.config';
export * from './lib/database-admin';
export * from './lib/persistence.module';

export * from './lib/test-database';
export * from './lib/test-kafka';
export * from './lib/eventually';
export * from './lib/service-process';
export * from './lib/personal-data-scanner';
export * from './lib/pdf-text';

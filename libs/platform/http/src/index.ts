export * from './lib/validation';
export * from './lib/health.controller';
export * from './lib/bootstrap';

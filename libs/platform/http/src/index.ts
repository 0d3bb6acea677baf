export * from './lib/validation';
export * from './lib/health.controller';
export * from './lib/bootstrap';
export * from './lib/correlation-id.decorator';
export * from './lib/local-date';
export * from './lib/as-of.query.dto';

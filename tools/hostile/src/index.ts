export * from './openapi';
export * from './samples';
export * from './corpus';
export * from './platform-state';
export * from './raw-http';
export * from './run-corpus';
export * from './fixtures';

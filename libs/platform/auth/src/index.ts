export * from './lib/platform-auth';

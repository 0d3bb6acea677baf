export * from './lib/platform-persistence';

export * from './lib/platform-messaging';

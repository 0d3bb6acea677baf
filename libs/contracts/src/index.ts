export * from './lib/roles';
export * from './lib/envelope';
export * from './lib/canonical';
export * from './lib/topics';
export * from './lib/event-definition';
export * from './lib/registry';
export * from './lib/create-event';
export * from './lib/events';

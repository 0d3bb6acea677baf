export * from './lib/unit-state';
export * from './lib/events';
export * from './lib/evolve';
export * from './lib/queries';
export * as directorySpecFixtures from './lib/spec-fixtures';
export * from './lib/search';
export * from './lib/tree-view';

export * from './lib/levels';
export * from './lib/wilson';
export * from './lib/satisfaction';
export * from './lib/tally';

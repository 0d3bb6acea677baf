export * from './lib/levels';
export * from './lib/wilson';
export * from './lib/questionnaire';
export * from './lib/counts';
export * from './lib/bootstrap';
export * from './lib/scorecard';
export * from './lib/satisfaction';
export * from './lib/tally';

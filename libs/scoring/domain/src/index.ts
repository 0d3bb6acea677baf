export * from './lib/scoring-domain';

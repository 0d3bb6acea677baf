export * from './lib/observation';
export * from './lib/partition-order';
export * from './lib/ledger-verification';
export * from './lib/chain-extension';
export * from './lib/checkpoint-signing';
export * from './lib/receipt';
export * from './lib/log-collector';
export * from './lib/figure-comparison';

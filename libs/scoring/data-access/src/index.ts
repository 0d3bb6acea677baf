export * from './lib/unit-counts';

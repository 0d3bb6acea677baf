export * from './authorization-policy';

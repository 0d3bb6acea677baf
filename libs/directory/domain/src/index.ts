export * from './lib/directory-domain';

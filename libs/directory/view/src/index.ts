export * from './lib/directory-rows';
export * from './lib/directory-view.migration';
export * from './lib/directory-view';
export * from './lib/directory-view.module';

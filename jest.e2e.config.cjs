// End-to-end specs: the four services built and started as separate processes, real PostgreSQL and Kafka.
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/apps/**/*.e2e.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 180000,
  maxWorkers: 1,
};

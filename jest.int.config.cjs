// Integration specs: real PostgreSQL (127.0.0.1:5432) and the Kafka broker of tools/kafka/kafka.sh.
// One file at a time: the suites share the broker, the database server and two cores.
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
  maxWorkers: 1,
};

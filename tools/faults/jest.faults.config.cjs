// The fault suite (issue 12): its own PostgreSQL cluster and Kafka broker, the four built services as
// processes, faults injected by SIGKILL. Run through tools/faults/faults.sh (npm run faults, CI's step).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'faults',
  rootDir: __dirname + '/../..',
  testMatch: ['<rootDir>/tools/faults/src/**/*.e2e.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 600000,
  maxWorkers: 1,
};

// Browser specs (*.browser.spec.ts): Debian's Chromium, headless, drives the built web app through the
// gateway in front of the four built services, on real PostgreSQL and Kafka. Build first:
//   npx nx run-many -t build --projects=unit-directory,survey-intake,scoring,audit,web,gateway
// Not named jest.config.* so the unit run (jest.config.cjs, one project per jest.config) leaves it alone.
const { join } = require('node:path');

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'browser',
  rootDir: join(__dirname, '..', '..'),
  testMatch: ['<rootDir>/apps/web-e2e/src/**/*.browser.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 180000,
  maxWorkers: 1,
};

// npm run bench (tools/bench/bench.sh): the benchmark as one jest run, so it starts the built services and
// reads the workspace's TypeScript paths like the end-to-end specs. Not a unit project (no jest.config.cjs
// here): it only runs when asked. BENCH_SIZE=smoke|full picks the sizes (src/lib/sizes.ts).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'bench',
  rootDir: '../..',
  testMatch: ['<rootDir>/tools/bench/src/**/*.bench.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30 * 60 * 1000,
  maxWorkers: 1,
  // kafkajs and pg sockets of a failed start may linger; the run is over once the spec has answered.
  forceExit: true,
};

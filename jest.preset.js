const nxPreset = require('@nx/jest/preset').default;

// Unit specs (`*.spec.ts`) run per project with no I/O. Integration (`*.int.spec.ts`) and
// end-to-end (`*.e2e.spec.ts`) specs need the real PostgreSQL and Kafka and run from their own
// root configs, one file at a time.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // jose ships ES modules only; let ts-jest turn it into CommonJS for the test runtime.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
};

const nxPreset = require('@nx/jest/preset').default;

// Unit specs (`*.spec.ts`) run per project with no I/O. Integration (`*.int.spec.ts`) and
// end-to-end (`*.e2e.spec.ts`) specs need the real PostgreSQL and Kafka and run from their own
// root configs, one file at a time.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
  transform: {
    // jose ships ES modules only and needs native class fields (see the transformer for why).
    '/node_modules/jose/.+\\.js$': require.resolve('./tools/jest/jose-transform.cjs'),
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
};

const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
// the local WeChat peer is an ES module (.mjs) shared with the dev start; compile it for jest's CommonJS mode
const transform = { '^.+\\.ts$': swc, '^.+\\.mjs$': swc };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'mjs', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60000,
};

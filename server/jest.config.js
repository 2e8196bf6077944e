const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
// the local WeChat peer is an ES module (.mjs) shared with the dev start; compile it for jest's CommonJS mode
// content-disposition 3 (used by @fastify/static, the H5 file server) is ESM-only: compile it too, leave the rest of node_modules alone
const transform = { '^.+\\.ts$': swc, '^.+\\.mjs$': swc, '/content-disposition/.+\\.js$': swc };
const transformIgnorePatterns = ['/node_modules/(?!(\\.pnpm/content-disposition@|content-disposition/))'];
const common = { testEnvironment: 'node', transform, transformIgnorePatterns, moduleFileExtensions: ['ts', 'js', 'mjs', 'json'] };

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

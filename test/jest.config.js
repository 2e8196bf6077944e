// Jest for the @jianban/test package: two projects.
//   peer — unit/integration tests of the local peers (scripts/wechat-peer, scripts/civil-affairs-peer), fast.
//   e2e  — browser tests against the H5 build (test/e2e/**/*.e2e.ts), long timeouts.
// `jest` runs both; `jest --selectProjects peer` (or e2e) runs one.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

// The WeChat peer is an ES module (.mjs); tests import it in-process, so swc also compiles .mjs to
// CommonJS here (jest's CJS runtime cannot load native ESM without --experimental-vm-modules).
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // testTimeout is a global option (jest ignores it inside a project); browser tests need the room
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'peer',
      testMatch: ['<rootDir>/peer/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
    },
  ],
};

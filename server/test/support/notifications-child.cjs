// A dispatcher process for the kill test: boots the Nest app straight from the TypeScript sources (compiled on the fly
// with @swc/core, like jest does) without listening for HTTP, and lets its dispatcher loop run until it is killed.
// Configuration comes from the environment, exactly as for the real server.
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');

const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
require.extensions['.ts'] = (module, filename) => {
  module._compile(swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
};

require('reflect-metadata');
const { loadConfig } = require('../../src/config.ts');
const { createApp } = require('../../src/app.factory.ts');

createApp(loadConfig(process.env), { listen: false })
  .then(() => process.stdout.write(`dispatcher ready ${process.pid}\n`))
  .catch((err) => {
    process.stderr.write(`dispatcher failed to start: ${err && err.stack}\n`);
    process.exit(1);
  });

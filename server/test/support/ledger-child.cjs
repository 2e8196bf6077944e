// A server instance for the ledger's kill -9 test: boots the Nest app from the TypeScript sources (compiled on the fly
// with @swc/core, like jest does) without listening for HTTP and stays up; its ledger job works the chunks of running
// runs every LEDGER_JOB_POLL_SECONDS until the test kills it. Configuration comes from the environment.
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

// the job's timer is unref'd (an HTTP server keeps a real instance alive); this keeps the worker up until it is killed
setInterval(() => {}, 1 << 30);
createApp(loadConfig(process.env), { listen: false })
  .then(() => process.stdout.write(`ledger worker ready ${process.pid}\n`))
  .catch((err) => {
    process.stderr.write(`ledger worker failed to start: ${err && err.stack}\n`);
    process.exit(1);
  });

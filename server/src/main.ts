import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config';

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const { log, url, close } = await createApp(config, { listen: true });
  if (config.usesDevKeys) {
    log.warn('PII_KEY / PII_HMAC_KEY are not set: personal data is encrypted with the public DEVELOPMENT keys');
    process.stderr.write('WARNING: running with the public development encryption keys (set PII_KEY and PII_HMAC_KEY)\n');
  }
  log.info({ url, db: config.db.driver, readyMs: Math.round(performance.now() - started) }, 'jianban server ready');
  process.stdout.write(`jianban server ready on ${url} (db ${config.db.driver}, ${Math.round(performance.now() - started)} ms)\n`);
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `server failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});

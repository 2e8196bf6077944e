#!/usr/bin/env node
// Starts the local WeChat peer from the command line.
//   node scripts/wechat-peer/cli.mjs [--port 3901] [--host 127.0.0.1] [--app-id ID] [--app-secret S]
//        [--rate-limit 100] [--token-ttl 7200] [--token-grace 30] [--quiet]
// Env fallbacks: WECHAT_PEER_PORT, WECHAT_PEER_HOST, WECHAT_APP_ID, WECHAT_APP_SECRET.
// Prints exactly one line on stdout once listening: "wechat-peer listening on http://HOST:PORT".
import { parseArgs } from 'node:util';
import { startWechatPeer } from './peer.mjs';

/** @param {string | undefined} value @param {string} name */
function toNumber(value, name) {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`wechat-peer: ${name} must be a non-negative number, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'app-id': { type: 'string' },
    'app-secret': { type: 'string' },
    'rate-limit': { type: 'string' },
    'token-ttl': { type: 'string' },
    'token-grace': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const peer = await startWechatPeer({
  port: toNumber(values.port ?? process.env.WECHAT_PEER_PORT, 'port') ?? 3901,
  host: values.host ?? process.env.WECHAT_PEER_HOST ?? '127.0.0.1',
  appId: values['app-id'] ?? (process.env.WECHAT_APP_ID || undefined),
  appSecret: values['app-secret'] ?? (process.env.WECHAT_APP_SECRET || undefined),
  rateLimitPerMinute: toNumber(values['rate-limit'], 'rate-limit'),
  tokenTtlSeconds: toNumber(values['token-ttl'], 'token-ttl'),
  tokenGraceSeconds: toNumber(values['token-grace'], 'token-grace'),
  quiet: values.quiet,
});

process.stdout.write(`wechat-peer listening on ${peer.url}\n`);

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  await peer.close();
  process.stderr.write(`wechat-peer stopped (${signal})\n`);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

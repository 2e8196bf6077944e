#!/usr/bin/env node
// Starts the local civil-affairs data-sharing peer from the command line.
//   node scripts/civil-affairs-peer/cli.mjs [--port 3902] [--host 127.0.0.1] [--data people.json|people.csv]
//        [--app-key KEY --app-secret SECRET] [--batch-limit 100] [--rate-limit 20] [--quiet]
// Env fallbacks: CIVIL_AFFAIRS_PEER_PORT, CIVIL_AFFAIRS_PEER_HOST, CIVIL_AFFAIRS_PEER_DATA,
// CIVIL_AFFAIRS_SHARING_APP_KEY, CIVIL_AFFAIRS_SHARING_APP_SECRET.
// Prints exactly one line on stdout once listening: "civil-affairs-peer listening on http://HOST:PORT (N people)".
import { parseArgs } from 'node:util';
import { DEV_APP_KEY, DEV_APP_SECRET, startCivilAffairsPeer } from './peer.mjs';

/** @param {string | undefined} value @param {string} name */
function toNumber(value, name) {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`civil-affairs-peer: ${name} must be a non-negative integer, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    'app-key': { type: 'string' },
    'app-secret': { type: 'string' },
    'batch-limit': { type: 'string' },
    'rate-limit': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const appKey = values['app-key'] ?? (process.env.CIVIL_AFFAIRS_SHARING_APP_KEY || DEV_APP_KEY);
const appSecret = values['app-secret'] ?? (process.env.CIVIL_AFFAIRS_SHARING_APP_SECRET || DEV_APP_SECRET);

let peer;
try {
  peer = await startCivilAffairsPeer({
    port: toNumber(values.port ?? process.env.CIVIL_AFFAIRS_PEER_PORT, 'port') ?? 3902,
    host: values.host ?? process.env.CIVIL_AFFAIRS_PEER_HOST ?? '127.0.0.1',
    dataFile: values.data ?? (process.env.CIVIL_AFFAIRS_PEER_DATA || undefined),
    apps: { [appKey]: appSecret },
    batchLimit: toNumber(values['batch-limit'], 'batch-limit'),
    rateLimitPerSecond: toNumber(values['rate-limit'], 'rate-limit'),
    quiet: values.quiet,
  });
} catch (err) {
  process.stderr.write(`civil-affairs-peer: ${/** @type {Error} */ (err).message}\n`);
  process.exit(2);
}

process.stdout.write(`civil-affairs-peer listening on ${peer.url} (${peer.state.people.size} people)\n`);

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  await peer.close();
  process.stderr.write(`civil-affairs-peer stopped (${signal})\n`);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

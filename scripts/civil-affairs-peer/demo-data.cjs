#!/usr/bin/env node
// Writes the demo civil-affairs registry (the demo family and the generated people the demo seed imports into the
// district copy, same seed, same day) as the local data-sharing peer's dataset, so both adapters answer alike.
//   node scripts/civil-affairs-peer/demo-data.cjs <server dist> <out.json> [people=3000]
// Run by scripts/stack.mjs (with NODE_PATH set for a private server build).
const { writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');

const [distArg, out, count] = process.argv.slice(2);
if (!distArg || !out) {
  process.stderr.write('usage: demo-data.cjs <server dist> <out.json> [people]\n');
  process.exit(2);
}
const dist = resolve(distArg);
const requireFromDist = createRequire(join(dist, 'main.js'));
const { shanghaiDate } = requireFromDist('@jianban/shared');
const { demoRegistryPeople } = requireFromDist(join(dist, 'civil-affairs', 'registry.seed.js'));
const people = [...demoRegistryPeople(shanghaiDate(new Date()), count ? Number(count) : undefined)];
writeFileSync(out, JSON.stringify({ people }));
process.stdout.write(`civil-affairs peer data: ${people.length} people\n`);

// The data-sharing adapter (CivilAffairsRegistry over HTTP) against the local civil-affairs peer over real HTTP:
// signing, batching by the service's limit, Retry-After, bounded retries and timeouts, per-item codes, masked logs.
// No database is involved (the adapter has none), so there is no engine matrix here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigitOf, ID_NUMBER_PATTERN, maskIdNumber, shanghaiDate } from '@jianban/shared';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { CivilAffairsRegistry, type RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { DistrictCopyRegistry } from '../../src/civil-affairs/district-copy.adapter';
import { HttpRegistryAdapter, type HttpRegistryOptions } from '../../src/civil-affairs/http-registry.adapter';
import { RegistryRepository } from '../../src/civil-affairs/registry.repository';
import { DEMO_HOUSEHOLD_NO, demoRegistryPeople, seedDemoRegistry } from '../../src/civil-affairs/registry.seed';
import { Db } from '../../src/common/db';
import { PiiCipher } from '../../src/common/pii-cipher';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { describeEngines } from '../support/describe-engines';
import { createDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

interface PeerPerson {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  hukouRegionCode: string;
  householdNo: string;
  deathDate?: string | null;
  movedOutDate?: string | null;
}
interface Received {
  endpoint: string | null;
  idNumbers: string[];
  status: number;
  code: number | string | null;
  appKey: string | null;
}
interface CivilAffairsPeer {
  url: string;
  addPeople(people: RegistryPerson[]): unknown;
  close(): Promise<void>;
  reset(): void;
  state: { received: Received[]; config: { rateLimitPerSecond: number; batchLimit: number } };
}

const APP_KEY = 'jb-test-app';
const APP_SECRET = 'jb-test-secret-5b1f';

/** a valid ID number: region prefix, birth date, 3-digit sequence, the right check digit */
function idNumber(prefix: string, birth: string, seq: number): string {
  const first17 = `${prefix}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigitOf(first17);
}

const WANG: PeerPerson = {
  idNumber: '42100319400315001X', name: '王建国', sex: 'male', birthDate: '1940-03-15',
  hukouRegionCode: '421003003003', householdNo: '421003003003-0815', deathDate: null, movedOutDate: null,
};
const WANG_WIFE: PeerPerson = {
  idNumber: idNumber('421003', '1942-08-02', 24), name: '李桂兰', sex: 'female', birthDate: '1942-08-02',
  hukouRegionCode: '421003003003', householdNo: WANG.householdNo, deathDate: '2025-11-03', movedOutDate: null,
};
// 200 more people for the batches, with older and other districts' prefixes (the hukou code is what counts)
const CROWD: PeerPerson[] = Array.from({ length: 200 }, (_, i) => ({
  idNumber: idNumber(['421003', '422401', '420106'][i % 3], `19${30 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, 100 + i),
  name: `测试${i}`,
  sex: i % 2 ? 'male' : 'female',
  birthDate: `19${30 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
  hukouRegionCode: '421003001001',
  householdNo: `H${1000 + i}`,
  movedOutDate: i % 50 === 0 ? '2024-06-30' : null,
}));
const UNKNOWN = Array.from({ length: 50 }, (_, i) => idNumber('421003', '1936-05-20', 500 + i));
const ALL_IDS = [WANG, WANG_WIFE, ...CROWD].map((p) => p.idNumber).concat(UNKNOWN);

let peer: CivilAffairsPeer;
const logLines: string[] = [];
const log = pino({ level: 'debug', base: undefined }, { write: (line: string) => void logLines.push(line) });

function adapter(over: Partial<HttpRegistryOptions> = {}, nowMs?: () => number) {
  const options: HttpRegistryOptions = {
    baseUrl: peer.url, appKey: APP_KEY, appSecret: APP_SECRET, timeoutMs: 1000, batchSize: 100, budgetMs: 3000,
    retryBaseMs: 50, retryMaxMs: 400, ...over,
  };
  return new HttpRegistryAdapter(options, log, nowMs);
}

async function control(path: string, body?: unknown) {
  const res = await fetch(peer.url + path, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json() as Promise<Record<string, unknown>>;
}

const received = () => peer.state.received.filter((r) => r.endpoint !== null);

beforeAll(async () => {
  // @ts-expect-error the peer is plain JavaScript (JSDoc-typed), shared with the dev start
  const mod = (await import('../../../scripts/civil-affairs-peer/peer.mjs')) as { startCivilAffairsPeer(o: object): Promise<CivilAffairsPeer> };
  peer = await mod.startCivilAffairsPeer({ quiet: true, apps: { [APP_KEY]: APP_SECRET }, people: [WANG, WANG_WIFE, ...CROWD], rateLimitPerSecond: 0 });
});
afterEach(() => peer.reset());
afterAll(async () => {
  await peer?.close();
});

describe('data-sharing adapter: signing', () => {
  it('a request signed with the right secret is answered: 王建国 is found with the registry fields mapped', async () => {
    const r = await adapter().lookup('42100319400315001x');
    expect(r).toMatchObject({ kind: 'found', source: 'data-sharing', person: { ...WANG } });
    expect(received()).toHaveLength(1);
    expect(received()[0]).toMatchObject({ endpoint: 'persons_batch', status: 200, appKey: APP_KEY, idNumbers: [WANG.idNumber] });
  });

  it('a wrong secret is refused by the service: unavailable at once, not retried', async () => {
    const started = Date.now();
    const r = await adapter({ appSecret: 'not-the-secret' }).lookup(WANG.idNumber);
    expect(r).toMatchObject({ kind: 'unavailable' });
    expect(r.kind === 'unavailable' && r.reason).toMatch(/refused by the service: http 401 code 2002/);
    expect(received()).toHaveLength(1);
    expect(received()[0]).toMatchObject({ status: 401, code: 2002 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a clock more than 300 s off is refused (stale timestamp)', async () => {
    const r = await adapter({}, () => Date.now() - 400_000).lookup(WANG.idNumber);
    expect(r).toMatchObject({ kind: 'unavailable' });
    expect(received()[0]).toMatchObject({ status: 401, code: 2003 });
  });
});

describe('data-sharing adapter: batches and per-item codes', () => {
  it('250 ID numbers go out as 3 requests of at most 100, one answer per distinct ID number', async () => {
    const ask = ALL_IDS.slice(0, 250);
    expect(new Set(ask).size).toBe(250);
    const answers = await adapter().lookupMany([...ask, ask[0].toLowerCase(), ` ${ask[1]} `]); // repeats collapse
    expect(answers.size).toBe(250);
    const batches = received();
    expect(batches.map((b) => b.idNumbers.length)).toEqual([100, 100, 50]);
    expect(new Set(batches.flatMap((b) => b.idNumbers))).toEqual(new Set(ask));
    const kinds = [...answers.values()].map((a) => a.kind);
    expect(kinds.filter((k) => k === 'found')).toHaveLength(202);
    expect(kinds.filter((k) => k === 'not-found')).toHaveLength(48);
    expect(answers.get(WANG_WIFE.idNumber)).toMatchObject({ kind: 'found', person: { deathDate: '2025-11-03', householdNo: WANG.householdNo } });
    expect(answers.get(CROWD[0].idNumber)).toMatchObject({ kind: 'found', person: { movedOutDate: '2024-06-30', hukouRegionCode: '421003001001' } });
  });

  it('the batch size follows the configuration (a smaller service limit)', async () => {
    await control('/__peer/config', { batchLimit: 40 });
    const answers = await adapter({ batchSize: 40 }).lookupMany(ALL_IDS.slice(0, 90));
    expect(received().map((b) => b.idNumbers.length)).toEqual([40, 40, 10]);
    expect([...answers.values()].every((a) => a.kind === 'found')).toBe(true);
  });

  it('not registered and invalid ID numbers are not-found; strings that are no ID number are never sent', async () => {
    const badCheck = WANG.idNumber.slice(0, 17) + '1';
    const answers = await adapter().lookupMany([UNKNOWN[0], badCheck, 'hello', '']);
    expect(answers.get(UNKNOWN[0])).toEqual({ kind: 'not-found', source: 'data-sharing' });
    expect(answers.get(badCheck)).toEqual({ kind: 'not-found', source: 'data-sharing' });
    expect(answers.get('hello')).toEqual({ kind: 'not-found', source: 'data-sharing' });
    expect(answers.get('')).toEqual({ kind: 'not-found', source: 'data-sharing' });
    expect(received()).toHaveLength(1);
    expect(received()[0].idNumbers).toEqual([UNKNOWN[0], badCheck]);
  });

  it('a household lists its members, the deceased included; an unknown one is not-found', async () => {
    const found = await adapter().household(WANG.householdNo);
    expect(found).toMatchObject({ kind: 'found', householdNo: WANG.householdNo, source: 'data-sharing' });
    expect(found.kind === 'found' && found.members.map((m) => m.name).sort()).toEqual(['李桂兰', '王建国'].sort());
    expect(await adapter().household('NO-SUCH-HH')).toEqual({ kind: 'not-found', source: 'data-sharing' });
  });
});

describe('data-sharing adapter: rate limits, outages and timeouts stay within the budget', () => {
  it('429 with Retry-After: waits as told, retries and finds the person', async () => {
    await control('/__peer/fail', { endpoint: 'persons_batch', httpStatus: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const r = await adapter().lookup(WANG.idNumber);
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ kind: 'found', person: { name: '王建国' } });
    expect(received().map((x) => x.status)).toEqual([429, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
  });

  it("the service's own rate limit (1 request a second) is honoured across a batch of 3 requests", async () => {
    await control('/__peer/config', { rateLimitPerSecond: 1 });
    const answers = await adapter({ concurrency: 1, budgetMs: 8000 }).lookupMany(ALL_IDS.slice(0, 250));
    expect([...answers.values()].filter((a) => a.kind === 'found')).toHaveLength(202);
    const statuses = received().map((x) => x.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses).toContain(429);
  });

  it('429 with a Retry-After past the budget: unavailable at once, carrying the hint', async () => {
    await control('/__peer/fail', { endpoint: 'persons_batch', httpStatus: 429, retryAfterSeconds: 120, times: 1 });
    const started = Date.now();
    const r = await adapter().lookup(WANG.idNumber);
    expect(r).toMatchObject({ kind: 'unavailable', retryAfterMs: 120_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(received()).toHaveLength(1);
  });

  it('429 without Retry-After: backs off, gives up after the attempts allowed, and invents no hint', async () => {
    await control('/__peer/fail', { endpoint: 'persons_batch', httpStatus: 429, times: 100 });
    const r = await adapter({ maxAttempts: 3 }).lookup(WANG.idNumber);
    expect(r).toMatchObject({ kind: 'unavailable' });
    expect(r.kind === 'unavailable' && 'retryAfterMs' in r).toBe(false);
    expect(received().map((x) => x.status)).toEqual([429, 429, 429]);
  });

  it('a 503 or two is retried with backoff and then answered', async () => {
    await control('/__peer/fail', { endpoint: 'persons_batch', httpStatus: 503, times: 2 });
    const r = await adapter().lookup(WANG.idNumber);
    expect(r).toMatchObject({ kind: 'found' });
    expect(received().map((x) => x.status)).toEqual([503, 503, 200]);
  });

  it('5xx beyond the budget: unavailable within the budget (plus a margin), after several attempts', async () => {
    const budgetMs = 1500;
    await control('/__peer/fail', { endpoint: '*', httpStatus: 502, times: 1000 });
    const started = Date.now();
    const [one, many, hh] = await Promise.all([
      adapter({ budgetMs, maxAttempts: 100 }).lookup(WANG.idNumber),
      adapter({ budgetMs, maxAttempts: 100 }).lookupMany(ALL_IDS.slice(0, 150)),
      adapter({ budgetMs, maxAttempts: 100 }).household(WANG.householdNo),
    ]);
    const elapsed = Date.now() - started;
    expect(one).toMatchObject({ kind: 'unavailable' });
    expect(one.kind === 'unavailable' && one.reason).toMatch(/http 502/);
    expect([...many.values()].every((a) => a.kind === 'unavailable')).toBe(true);
    expect(many.size).toBe(150);
    expect(hh).toMatchObject({ kind: 'unavailable' });
    expect(elapsed).toBeLessThan(budgetMs + 500);
    expect(received().length).toBeGreaterThan(4 * 2); // retried, not given up after one try
  });

  it('a service that does not answer in time: each attempt is cut at the timeout, unavailable within the budget', async () => {
    await control('/__peer/fail', { endpoint: 'persons_batch', delayMs: 5000, times: 100 });
    const started = Date.now();
    const r = await adapter({ timeoutMs: 300, budgetMs: 1000 }).lookup(WANG.idNumber);
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ kind: 'unavailable' });
    expect(r.kind === 'unavailable' && r.reason).toMatch(/timeout/);
    expect(elapsed).toBeLessThan(1000 + 500);
    expect(elapsed).toBeGreaterThanOrEqual(300);
  });

  it('a service that is down (connection refused) is unavailable within the budget', async () => {
    const started = Date.now();
    const r = await adapter({ baseUrl: 'http://127.0.0.1:9', budgetMs: 800 }).lookup(WANG.idNumber);
    expect(r).toMatchObject({ kind: 'unavailable' });
    expect(r.kind === 'unavailable' && r.reason).toMatch(/network/);
    expect(Date.now() - started).toBeLessThan(800 + 500);
  });
});

describe("the adapter's log", () => {
  it('never holds an unmasked ID number (and does hold the masked ones)', async () => {
    // make every kind of log line happen once more: a refusal, an invalid item, a retry, a give-up
    await adapter({ appSecret: 'wrong' }).lookup(WANG.idNumber);
    await adapter().lookupMany([WANG.idNumber.slice(0, 17) + '1', ...ALL_IDS.slice(0, 120)]);
    await control('/__peer/fail', { endpoint: 'persons_batch', httpStatus: 500, times: 20 });
    await adapter({ budgetMs: 400 }).lookupMany(ALL_IDS.slice(0, 5));
    const text = logLines.join('');
    expect(logLines.length).toBeGreaterThan(5);
    expect(text.match(ID_NUMBER_PATTERN) ?? []).toEqual([]);
    for (const id of ALL_IDS) expect(text).not.toContain(id);
    expect(text).toContain(maskIdNumber(WANG.idNumber.slice(0, 17) + '1'));
    expect(text).toContain('giving up');
  });
});

// the configuration picks the adapter: the running server answers CivilAffairsRegistry through the data-sharing service
describeEngines('the server with CIVIL_AFFAIRS_SOURCE=data-sharing on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, {
      name: 'civil-affairs-http',
      env: { CIVIL_AFFAIRS_SOURCE: 'data-sharing', CIVIL_AFFAIRS_SHARING_URL: peer.url, CIVIL_AFFAIRS_SHARING_APP_KEY: APP_KEY, CIVIL_AFFAIRS_SHARING_APP_SECRET: APP_SECRET },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('resolves the port to the HTTP adapter, which answers from the peer', async () => {
    const registry = t.app.app.get(CivilAffairsRegistry);
    expect(registry).toBeInstanceOf(HttpRegistryAdapter);
    expect(await registry.lookup(WANG.idNumber)).toMatchObject({ kind: 'found', source: 'data-sharing', person: { name: '王建国' } });
    const answers = await registry.lookupMany([...ALL_IDS.slice(0, 119), UNKNOWN[0]]);
    expect(received().filter((r) => r.endpoint === 'persons_batch').map((r) => r.idNumbers.length)).toEqual([1, 100, 20]);
    expect(answers.get(UNKNOWN[0])).toEqual({ kind: 'not-found', source: 'data-sharing' });
  });
});

// the demo registry served by the peer (as `pnpm start` does with CIVIL_AFFAIRS_SOURCE=data-sharing) and imported into
// the district copy (as the demo seed does): both adapters give the same answers
describeEngines('the demo registry through both adapters on %s', (engine) => {
  let db: TestDatabase;
  let ds: DataSource;
  const people = [...demoRegistryPeople(shanghaiDate(new Date()), 300)];
  beforeAll(async () => {
    db = await createDatabase(engine);
    const config = loadConfig({ NODE_ENV: 'test', ...db.env });
    ds = await createDataSource(config.db).initialize();
    await ds.runMigrations({ transaction: 'each' });
    expect(await seedDemoRegistry(ds, config, 300)).toMatch(/302 synthetic people/);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('every person and the demo household read the same from the district copy and from the data-sharing peer', async () => {
    peer.addPeople(people);
    const config = loadConfig({ NODE_ENV: 'test', ...db.env });
    const copy = new DistrictCopyRegistry(new Db(ds), new PiiCipher(config), new RegistryRepository(), config);
    const ids = people.map((p) => p.idNumber);
    const [fromCopy, fromPeer] = await Promise.all([copy.lookupMany(ids), adapter().lookupMany(ids)]);
    const strip = (a: unknown) => (a && typeof a === 'object' && 'person' in a ? (a as { person: RegistryPerson }).person : (a as { kind: string }).kind);
    const differences = ids.filter((id) => JSON.stringify(strip(fromCopy.get(id))) !== JSON.stringify(strip(fromPeer.get(id))));
    expect(differences.map((id) => maskIdNumber(id))).toEqual([]);
    expect([...fromPeer.values()].filter((a) => a.kind === 'found')).toHaveLength(302);
    const byId = (a: RegistryPerson, b: RegistryPerson) => a.idNumber.localeCompare(b.idNumber);
    const [hhCopy, hhPeer] = await Promise.all([copy.household(DEMO_HOUSEHOLD_NO), adapter().household(DEMO_HOUSEHOLD_NO)]);
    expect(hhCopy.kind === 'found' && hhPeer.kind === 'found').toBe(true);
    if (hhCopy.kind === 'found' && hhPeer.kind === 'found') expect([...hhPeer.members].sort(byId)).toEqual([...hhCopy.members].sort(byId));
  });
});

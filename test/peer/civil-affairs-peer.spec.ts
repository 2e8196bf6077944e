// Tests of the local civil-affairs data-sharing peer over real HTTP (Node's global fetch). The requests here are signed
// by this file's own signer, written from the protocol's description, not by the server's adapter.
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

type Json = Record<string, any>;
interface Peer {
  url: string;
  close(): Promise<void>;
  state: Json;
}
interface PeerModule {
  startCivilAffairsPeer(o?: Json): Promise<Peer>;
  DEV_APP_KEY: string;
  DEV_APP_SECRET: string;
}

const REPO_ROOT = join(__dirname, '..', '..');
const KEY = 'app-under-test';
const SECRET = 's3cret-for-tests';

const loadPeer = (): Promise<PeerModule> => import('../../scripts/civil-affairs-peer/peer.mjs');

function fakeClock(start = Date.UTC(2026, 11, 6, 1, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (seconds: number) => void (t += seconds * 1000) };
}

// GB 11643 check digit
function withCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
  return first17 + '10X98765432'[sum % 11];
}

const WANG = {
  idNumber: '42100319400315001X', name: '王建国', sex: 'male', birthDate: '1940-03-15',
  hukouRegionCode: '421003003003', householdNo: 'HH-0815', deathDate: null, movedOutDate: null,
};
const LI = {
  idNumber: withCheck('42240119420802002'), name: '李桂兰', sex: 'female', birthDate: '1942-08-02',
  hukouRegionCode: '421003003003', householdNo: 'HH-0815', deathDate: '2025-11-03', movedOutDate: '',
};
const NOBODY = withCheck('42100319360520777');

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** signs one request the way the platform describes it */
function signed(
  method: string,
  pathAndQuery: string,
  body: string,
  o: { key?: string; secret?: string; timestamp?: number; nonce?: string } = {},
): Record<string, string> {
  const url = new URL(pathAndQuery, 'http://x');
  const query = [...url.searchParams]
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomBytes(12).toString('hex');
  const canonical = [method, url.pathname, query, createHash('sha256').update(body).digest('hex'), timestamp, nonce].join('\n');
  return {
    'x-app-key': o.key ?? KEY,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': createHmac('sha256', o.secret ?? SECRET).update(canonical).digest('base64'),
  };
}

function client(peer: Peer, clock: { now(): number }) {
  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(peer.url + path, { method, headers, body });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text);
    } catch {
      json = { text };
    }
    return { status: res.status, json, headers: res.headers };
  };
  const ts = () => Math.floor(clock.now() / 1000);
  return {
    call,
    control: (method: string, path: string, body?: unknown) => call(method, path, body === undefined ? undefined : JSON.stringify(body)),
    batch(ids: unknown[], o: Parameters<typeof signed>[3] = {}) {
      const body = JSON.stringify({ sfzh: ids });
      return call('POST', '/api/v1/hukou/persons/batch-query', body, signed('POST', '/api/v1/hukou/persons/batch-query', body, { timestamp: ts(), ...o }));
    },
    household(hh: string, query = '') {
      const path = `/api/v1/hukou/households/${encodeURIComponent(hh)}${query}`;
      return call('GET', path, undefined, signed('GET', path, '', { timestamp: ts() }));
    },
  };
}

describe('local civil-affairs data-sharing peer', () => {
  let peer: Peer;
  let api: ReturnType<typeof client>;
  const clock = fakeClock();

  beforeAll(async () => {
    const { startCivilAffairsPeer } = await loadPeer();
    peer = await startCivilAffairsPeer({ quiet: true, apps: { [KEY]: SECRET }, people: [WANG, LI], rateLimitPerSecond: 3, now: clock.now });
    api = client(peer, clock);
  });
  afterAll(() => peer.close());
  beforeEach(async () => {
    await api.control('POST', '/__peer/reset');
    clock.advance(5); // a fresh rate-limit second for every test
  });

  describe('signed requests', () => {
    it('answers a well-signed batch with per-item codes and the registry fields', async () => {
      const bad = WANG.idNumber.slice(0, 17) + '3';
      const r = await api.batch([WANG.idNumber.toLowerCase(), NOBODY, bad, 'abc']);
      expect(r.status).toBe(200);
      expect(r.json.code).toBe(0);
      const items = r.json.data.items;
      expect(items.map((i: Json) => i.code)).toEqual([0, 1001, 1002, 1002]);
      expect(items[0]).toMatchObject({
        sfzh: WANG.idNumber,
        data: { sfzh: WANG.idNumber, xm: '王建国', xbdm: '1', csrq: '19400315', hjqhdm: '421003003003', hh: 'HH-0815', swrq: '', qcrq: '' },
      });
      expect(items[1].data).toBeUndefined();
    });

    it('refuses missing headers, an unknown app key and a wrong signature with 401 and a code', async () => {
      const body = JSON.stringify({ sfzh: [WANG.idNumber] });
      const path = '/api/v1/hukou/persons/batch-query';
      expect((await api.call('POST', path, body)).json.code).toBe(2005);
      const ts = Math.floor(clock.now() / 1000);
      const unknown = await api.call('POST', path, body, signed('POST', path, body, { key: 'stranger', timestamp: ts }));
      expect(unknown).toMatchObject({ status: 401, json: { code: 2001 } });
      const wrongSecret = await api.call('POST', path, body, signed('POST', path, body, { secret: 'guess', timestamp: ts }));
      expect(wrongSecret).toMatchObject({ status: 401, json: { code: 2002 } });
      // a body changed after signing
      const headers = signed('POST', path, body, { timestamp: ts });
      const tampered = await api.call('POST', path, JSON.stringify({ sfzh: [LI.idNumber] }), headers);
      expect(tampered).toMatchObject({ status: 401, json: { code: 2002 } });
    });

    it('refuses a timestamp more than 300 s off its clock, either way', async () => {
      const now = Math.floor(clock.now() / 1000);
      expect((await api.batch([WANG.idNumber], { timestamp: now - 299 })).status).toBe(200);
      expect((await api.batch([WANG.idNumber], { timestamp: now + 299 })).status).toBe(200);
      expect(await api.batch([WANG.idNumber], { timestamp: now - 301 })).toMatchObject({ status: 401, json: { code: 2003 } });
      expect(await api.batch([WANG.idNumber], { timestamp: now + 301 })).toMatchObject({ status: 401, json: { code: 2003 } });
    });

    it('refuses a replayed nonce, but a forged request does not burn a nonce', async () => {
      const nonce = 'replay-nonce-0123456789';
      expect((await api.batch([WANG.idNumber], { nonce, secret: 'forger' })).json.code).toBe(2002);
      expect((await api.batch([WANG.idNumber], { nonce })).status).toBe(200);
      expect(await api.batch([WANG.idNumber], { nonce })).toMatchObject({ status: 401, json: { code: 2004 } });
    });

    it('signs over the sorted query: a household request with query parameters in any order', async () => {
      const r = await api.household('HH-0815', '?b=2&a=z&a=y');
      expect(r.status).toBe(200);
      expect(r.json.data.members.map((m: Json) => m.xm).sort()).toEqual(['李桂兰', '王建国'].sort());
      expect(r.json.data.members.find((m: Json) => m.xm === '李桂兰')).toMatchObject({ swrq: '20251103', xbdm: '2' });
      expect((await api.household('NO-SUCH')).json).toMatchObject({ code: 1001 });
    });
  });

  describe('limits', () => {
    it('refuses more than the batch limit in one request', async () => {
      await api.control('POST', '/__peer/config', { batchLimit: 5 });
      const ids = Array.from({ length: 6 }, (_, i) => withCheck(`4210031940010100${i}`));
      expect(await api.batch(ids)).toMatchObject({ status: 400, json: { code: 4001 } });
      expect((await api.batch(ids.slice(0, 5))).status).toBe(200);
    });

    it('answers 429 with Retry-After past the per-second limit, and serves again a second later', async () => {
      for (let i = 0; i < 3; i++) expect((await api.batch([WANG.idNumber])).status).toBe(200);
      const limited = await api.batch([WANG.idNumber]);
      expect(limited).toMatchObject({ status: 429, json: { code: 4290 } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      clock.advance(1.001);
      expect((await api.batch([WANG.idNumber])).status).toBe(200);
    });
  });

  describe('control API', () => {
    it('injects 5xx, 429 with Retry-After and delays for the next N requests, then recovers', async () => {
      await api.control('POST', '/__peer/fail', { endpoint: 'persons_batch', httpStatus: 503, times: 2 });
      await api.control('POST', '/__peer/fail', { endpoint: 'persons_batch', httpStatus: 429, retryAfterSeconds: 7 });
      await api.control('POST', '/__peer/fail', { endpoint: 'persons_batch', delayMs: 300 });
      expect((await api.batch([WANG.idNumber])).status).toBe(503);
      expect((await api.batch([WANG.idNumber])).status).toBe(503);
      const limited = await api.batch([WANG.idNumber]);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      const started = Date.now();
      expect((await api.batch([WANG.idNumber])).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      expect((await api.household('HH-0815')).status).toBe(200); // other endpoint untouched
      expect((await api.control('POST', '/__peer/fail', { endpoint: 'nope', httpStatus: 500 })).status).toBe(400);
    });

    it('keeps a log of received requests the tests can read', async () => {
      await api.batch([WANG.idNumber, NOBODY]);
      await api.household('HH-0815');
      const { json } = await api.control('GET', '/__peer/received?endpoint=persons_batch');
      expect(json.requests).toHaveLength(1);
      expect(json.requests[0]).toMatchObject({ endpoint: 'persons_batch', appKey: KEY, status: 200, code: 0, idNumbers: [WANG.idNumber, NOBODY] });
      expect((await api.control('GET', '/__peer/received')).json.requests).toHaveLength(2);
    });

    it('adds and replaces people; a bad entry changes nothing', async () => {
      const newcomer = { ...WANG, idNumber: NOBODY, name: '赵大爷', householdNo: 'HH-9' };
      expect((await api.control('POST', '/__peer/people', { people: [newcomer] })).json).toEqual({ count: 3 });
      expect((await api.batch([NOBODY])).json.data.items[0].code).toBe(0);
      const bad = await api.control('POST', '/__peer/people', { people: [{ ...newcomer, idNumber: withCheck('42100319360520778') }, { ...WANG, hukouRegionCode: '4210' }] });
      expect(bad.status).toBe(400);
      expect(bad.json.message).toMatch(/entry 2: hukouRegionCode/);
      expect((await api.control('GET', '/__peer/people')).json).toEqual({ count: 3 });
      expect((await api.control('PUT', '/__peer/people', { people: [newcomer] })).json).toEqual({ count: 1 });
      expect((await api.batch([WANG.idNumber])).json.data.items[0].code).toBe(1001);
      await api.control('POST', '/__peer/reset');
      expect((await api.control('GET', '/__peer/people')).json).toEqual({ count: 2 });
    });
  });
});

describe('civil-affairs peer datasets and CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-peer-'));
  const children: Array<ReturnType<typeof spawn>> = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads people from a CSV file (quoted fields, BOM) and from a JSON file', async () => {
    const { startCivilAffairsPeer } = await loadPeer();
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, '\uFEFFidNumber,name,sex,birthDate,hukouRegionCode,householdNo,deathDate,movedOutDate\r\n' +
      `${WANG.idNumber},"王建国",male,1940-03-15,421003003003,"HH,0815",,\r\n${LI.idNumber},李桂兰,female,1942-08-02,421003003003,"HH,0815",2025-11-03,\r\n`);
    const json = join(dir, 'people.json');
    writeFileSync(json, JSON.stringify({ people: [WANG] }));
    const fromCsv = await startCivilAffairsPeer({ quiet: true, dataFile: csv });
    const fromJson = await startCivilAffairsPeer({ quiet: true, dataFile: json });
    try {
      expect(fromCsv.state.people.size).toBe(2);
      expect(fromCsv.state.people.get(LI.idNumber)).toMatchObject({ householdNo: 'HH,0815', deathDate: '2025-11-03', movedOutDate: null });
      expect(fromJson.state.people.size).toBe(1);
    } finally {
      await fromCsv.close();
      await fromJson.close();
    }
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify([{ ...WANG, sex: 'm' }]));
    await expect(startCivilAffairsPeer({ quiet: true, dataFile: broken })).rejects.toThrow(/entry 1: sex/);
  });

  it('the CLI prints its listening line, answers with the development key pair, and exits 0 on SIGTERM', async () => {
    const { DEV_APP_KEY, DEV_APP_SECRET } = await loadPeer();
    const data = join(dir, 'cli.json');
    writeFileSync(data, JSON.stringify([WANG]));
    const child = spawn(process.execPath, ['scripts/civil-affairs-peer/cli.mjs', '--port', '0', '--quiet', '--data', data], {
      cwd: REPO_ROOT,
      env: { ...process.env, CIVIL_AFFAIRS_PEER_PORT: '', CIVIL_AFFAIRS_SHARING_APP_KEY: '', CIVIL_AFFAIRS_SHARING_APP_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
    });
    const m = /^civil-affairs-peer listening on (http:\/\/127\.0\.0\.1:\d+) \(1 people\)$/.exec(line);
    expect(m).not.toBeNull();
    const body = JSON.stringify({ sfzh: [WANG.idNumber] });
    const path = '/api/v1/hukou/persons/batch-query';
    const res = await fetch(m![1] + path, { method: 'POST', body, headers: signed('POST', path, body, { key: DEV_APP_KEY, secret: DEV_APP_SECRET }) });
    expect((await res.json()).data.items[0].code).toBe(0);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });
});

// The local civil-affairs data-sharing peer: a real HTTP server shaped like a provincial government data-sharing
// platform's hukou (户籍) query service, so the server's data-sharing adapter is real code tested over real HTTP.
//
// The service side:
//   - every request is signed: headers X-App-Key, X-Timestamp (unix seconds), X-Nonce, X-Signature =
//     base64(HMAC-SHA256(app secret, canonical request)); the canonical request is
//       METHOD \n PATH \n SORTED-QUERY \n hex(SHA-256(body)) \n TIMESTAMP \n NONCE
//     (SORTED-QUERY: key=value pairs, both percent-encoded, sorted by key then value, joined with '&').
//     Unknown app keys, bad signatures, timestamps more than ±300 s off and replayed nonces are refused (401).
//   - POST /api/v1/hukou/persons/batch-query  {"sfzh": ["…", …]} → per-item codes: 0 found, 1001 not found,
//     1002 invalid ID number; more than `batchLimit` (100) ID numbers in one request → 400 (code 4001).
//   - GET /api/v1/hukou/households/:hh → the household's members (code 0) or code 1001.
//   - a per-app-key request rate limit (sliding second): 429 with Retry-After (seconds).
//   - field names as such platforms spell them: sfzh 身份证号, xm 姓名, xbdm 性别代码 (GB/T 2261.1: 1 male, 2 female),
//     csrq 出生日期 (YYYYMMDD), hjqhdm 户籍区划代码 (12 digits), hh 户号, swrq 死亡日期, qcrq 迁出日期 ('' when none).
// The control side, under /__peer/ (unsigned, local only): health, people (read / add / replace the dataset),
// fail (inject delays, 5xx, 429 for the next N requests), received (the request log), config, time, reset.
//
// People come from a dataset given at start: an in-memory list or a JSON / CSV file, one person per entry, in the
// port's shape (idNumber, name, sex male|female, birthDate YYYY-MM-DD, hukouRegionCode, householdNo, deathDate,
// movedOutDate). All state lives in memory. No dependencies beyond node:*.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** @typedef {'persons_batch' | 'household'} SharingEndpoint */
/**
 * @typedef {{ idNumber: string, name: string, sex: 'male' | 'female', birthDate: string, hukouRegionCode: string,
 *   householdNo: string, deathDate?: string | null, movedOutDate?: string | null }} PeerPerson
 */
/** @typedef {{ httpStatus?: number, delayMs?: number, retryAfterSeconds?: number, remaining: number }} Injection */
/**
 * @typedef {{ endpoint: SharingEndpoint | null, at: string, method: string, path: string, query: Record<string, string>,
 *   appKey: string | null, idNumbers: string[], status: number, code: number | string | null }} ReceivedRequest
 */
/**
 * @typedef {object} PeerOptions
 * @property {number} [port] 0 picks a free port
 * @property {string} [host]
 * @property {Record<string, string>} [apps] app key → app secret (default: one development pair)
 * @property {PeerPerson[]} [people] the dataset
 * @property {string} [dataFile] a .json (array, or { people: [...] }) or .csv file with the dataset
 * @property {number} [batchLimit] ID numbers per batch request (default 100)
 * @property {number} [rateLimitPerSecond] requests per app key per sliding second (default 20; 0 = no limit)
 * @property {number} [timestampToleranceSeconds] default 300
 * @property {boolean} [quiet] suppress the per-request log on stderr
 * @property {() => number} [now] clock in ms (default Date.now); POST /__peer/time shifts it further
 */

export const DEV_APP_KEY = 'jianban-dev';
export const DEV_APP_SECRET = 'jianban-dev-sharing-secret';
export const ITEM_CODE = /** @type {const} */ ({ found: 0, notFound: 1001, invalid: 1002 });
export const ERROR_CODE = /** @type {const} */ ({
  appKey: 2001, signature: 2002, timestamp: 2003, nonce: 2004, missingHeaders: 2005,
  batchTooLarge: 4001, badRequest: 4000, rateLimited: 4290, system: 5000,
});
const ENDPOINTS = /** @type {const} */ (['persons_batch', 'household']);
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECEIVED = 10000;
const PERSON_FIELDS = ['idNumber', 'name', 'sex', 'birthDate', 'hukouRegionCode', 'householdNo', 'deathDate', 'movedOutDate'];

// ---------------------------------------------------------------------------
// Signing (the service's own implementation; the server's signer is separate code that must agree with it)
// ---------------------------------------------------------------------------

/** RFC 3986 percent-encoding (encodeURIComponent leaves !'()* alone) */
const rfc3986 = (/** @type {string} */ s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** @param {URLSearchParams} params */
export function sortedQuery(params) {
  return [...params]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * @param {{ method: string, path: string, query: URLSearchParams, body: Buffer | string, timestamp: string, nonce: string }} r
 */
export function canonicalRequest(r) {
  const bodyHash = createHash('sha256').update(r.body).digest('hex');
  return [r.method.toUpperCase(), r.path, sortedQuery(r.query), bodyHash, r.timestamp, r.nonce].join('\n');
}

/** @param {string} secret @param {string} canonical */
export const signatureOf = (secret, canonical) => createHmac('sha256', secret).update(canonical, 'utf8').digest('base64');

// ---------------------------------------------------------------------------
// The dataset
// ---------------------------------------------------------------------------

const ID_SHAPE = /^[1-9]\d{16}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** the service's own ID number check: 18 characters and a right check digit (it knows nothing of today's date) */
export function isWellFormedIdNumber(/** @type {string} */ id) {
  if (!ID_SHAPE.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11] === id[17];
}

const normalizeId = (/** @type {unknown} */ v) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : '');
const ymd = (/** @type {string | null | undefined} */ d) => (d ? d.replaceAll('-', '') : '');
const emptyToNull = (/** @type {unknown} */ v) => (v === undefined || v === null || v === '' ? null : String(v));

/**
 * Checks and normalizes one dataset entry; throws with the entry's position on a bad one.
 * @param {Record<string, unknown>} raw @param {number} index @returns {PeerPerson}
 */
function toPerson(raw, index) {
  const where = `dataset entry ${index + 1}`;
  const idNumber = normalizeId(raw.idNumber);
  if (!ID_SHAPE.test(idNumber)) throw new Error(`${where}: idNumber is not an 18-character ID number`);
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) throw new Error(`${where}: name is required`);
  if (raw.sex !== 'male' && raw.sex !== 'female') throw new Error(`${where}: sex must be male or female`);
  const date = (/** @type {string} */ key, /** @type {boolean} */ optional) => {
    const v = emptyToNull(raw[key]);
    if (v === null && optional) return null;
    if (v === null || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`${where}: ${key} must be YYYY-MM-DD`);
    return v;
  };
  const hukouRegionCode = String(raw.hukouRegionCode ?? '');
  if (!/^\d{12}$/.test(hukouRegionCode)) throw new Error(`${where}: hukouRegionCode must have 12 digits`);
  const householdNo = String(raw.householdNo ?? '').trim();
  if (!householdNo) throw new Error(`${where}: householdNo is required`);
  return {
    idNumber, name, sex: raw.sex, birthDate: /** @type {string} */ (date('birthDate', false)),
    hukouRegionCode, householdNo, deathDate: date('deathDate', true), movedOutDate: date('movedOutDate', true),
  };
}

/** a minimal CSV reader (RFC 4180 quotes), header row first */
function parseCsv(/** @type {string} */ text) {
  /** @type {string[][]} */
  const rows = [];
  let row = /** @type {string[]} */ ([]);
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) return [];
  const keys = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  return body.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? ''])));
}

/** @param {string} file @returns {Record<string, unknown>[]} */
export function readDataset(file) {
  const text = readFileSync(file, 'utf8');
  if (/\.csv$/i.test(file)) return parseCsv(text);
  const json = JSON.parse(text);
  const list = Array.isArray(json) ? json : json?.people;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array of people or { "people": [...] }`);
  return list;
}

/** @param {PeerPerson} p the wire form */
const toWire = (p) => ({
  sfzh: p.idNumber, xm: p.name, xbdm: p.sex === 'male' ? '1' : '2', csrq: ymd(p.birthDate),
  hjqhdm: p.hukouRegionCode, hh: p.householdNo, swrq: ymd(p.deathDate), qcrq: ymd(p.movedOutDate),
});

class HttpError extends Error {
  /** @param {number} status @param {object} body @param {Record<string, string>} [headers] */
  constructor(status, body, headers = {}) {
    super(JSON.stringify(body));
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}
const badRequest = (/** @type {string} */ message) => new HttpError(400, { code: ERROR_CODE.badRequest, message });

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, { code: ERROR_CODE.badRequest, message: 'request body too large (limit 1 MB)' }));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------
// The peer
// ---------------------------------------------------------------------------

/** @param {PeerOptions} [options] */
export async function startCivilAffairsPeer(options = {}) {
  const { port = 0, host = '127.0.0.1', quiet = false } = options;
  const baseNow = options.now ?? Date.now;
  const apps = new Map(Object.entries(options.apps ?? { [DEV_APP_KEY]: DEV_APP_SECRET }));
  const config = {
    batchLimit: options.batchLimit ?? 100,
    rateLimitPerSecond: options.rateLimitPerSecond ?? 20,
    timestampToleranceSeconds: options.timestampToleranceSeconds ?? 300,
  };

  const initial = [...(options.dataFile ? readDataset(options.dataFile) : []), ...(options.people ?? [])];
  const state = {
    config,
    timeOffsetMs: 0,
    /** @type {Map<string, PeerPerson>} idNumber → person */
    people: new Map(),
    /** @type {Map<string, Set<string>>} householdNo → idNumbers */
    households: new Map(),
    /** @type {Map<string, number>} `${appKey}\n${nonce}` → ms when first seen */
    nonces: new Map(),
    /** @type {Map<string, number[]>} appKey → accepted request times (ms) in the last second */
    calls: new Map(),
    /** @type {Map<SharingEndpoint, Injection[]>} */
    failures: new Map(),
    /** @type {ReceivedRequest[]} */
    received: [],
    /** bumped by reset: a request still sleeping in an injected delay from before it is not logged */
    generation: 0,
  };

  const now = () => baseNow() + state.timeOffsetMs;
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  const sleep = (/** @type {number} */ ms) =>
    new Promise((resolve) => {
      const t = setTimeout(() => { timers.delete(t); resolve(undefined); }, ms);
      timers.add(t);
    });

  /** @param {Record<string, unknown>[]} list @param {boolean} replace */
  function loadPeople(list, replace) {
    const people = list.map((raw, i) => toPerson(raw, i)); // all or nothing: a bad entry changes nothing
    if (replace) { state.people.clear(); state.households.clear(); }
    for (const p of people) {
      const old = state.people.get(p.idNumber);
      if (old) state.households.get(old.householdNo)?.delete(p.idNumber);
      state.people.set(p.idNumber, p);
      const members = state.households.get(p.householdNo) ?? new Set();
      members.add(p.idNumber);
      state.households.set(p.householdNo, members);
    }
    return { count: state.people.size };
  }
  loadPeople(initial, true);
  const initialPeople = [...state.people.values()];

  function reset() {
    state.generation += 1;
    state.timeOffsetMs = 0;
    state.nonces.clear();
    state.calls.clear();
    state.failures.clear();
    state.received.length = 0;
    loadPeople(initialPeople, true);
    Object.assign(config, {
      batchLimit: options.batchLimit ?? 100,
      rateLimitPerSecond: options.rateLimitPerSecond ?? 20,
      timestampToleranceSeconds: options.timestampToleranceSeconds ?? 300,
    });
  }

  // --- authentication ---------------------------------------------------------

  /**
   * @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body
   * @returns {string} the app key
   */
  function authenticate(req, url, body) {
    const header = (/** @type {string} */ name) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : '';
    };
    const appKey = header('x-app-key');
    const timestamp = header('x-timestamp');
    const nonce = header('x-nonce');
    const signature = header('x-signature');
    const refuse = (/** @type {number} */ code, /** @type {string} */ message) => new HttpError(401, { code, message });
    if (!appKey || !timestamp || !nonce || !signature) {
      throw refuse(ERROR_CODE.missingHeaders, 'X-App-Key, X-Timestamp, X-Nonce and X-Signature are required');
    }
    const secret = apps.get(appKey);
    if (secret === undefined) throw refuse(ERROR_CODE.appKey, 'unknown app key');
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now() - Number(timestamp) * 1000) > config.timestampToleranceSeconds * 1000) {
      throw refuse(ERROR_CODE.timestamp, `timestamp outside ±${config.timestampToleranceSeconds} s of the service clock`);
    }
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw refuse(ERROR_CODE.nonce, 'nonce must be 16–64 characters [A-Za-z0-9_-]');
    const expected = Buffer.from(signatureOf(secret, canonicalRequest({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, timestamp, nonce })));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse(ERROR_CODE.signature, 'signature does not match');
    // a nonce counts once the signature is good (a forger cannot burn someone else's nonces)
    const t = now();
    const windowMs = 2 * config.timestampToleranceSeconds * 1000;
    if (state.nonces.size > 10000) for (const [k, at] of state.nonces) if (at < t - windowMs) state.nonces.delete(k);
    const nonceKey = `${appKey}\n${nonce}`;
    const seen = state.nonces.get(nonceKey);
    if (seen !== undefined && seen >= t - windowMs) throw refuse(ERROR_CODE.nonce, 'nonce already used');
    state.nonces.set(nonceKey, t);
    return appKey;
  }

  /** @param {string} appKey */
  function rateLimit(appKey) {
    if (!config.rateLimitPerSecond) return;
    const t = now();
    const recent = (state.calls.get(appKey) ?? []).filter((at) => at > t - 1000);
    state.calls.set(appKey, recent);
    if (recent.length >= config.rateLimitPerSecond) {
      const retryAfter = Math.max(1, Math.ceil((recent[0] + 1000 - t) / 1000));
      throw new HttpError(429, { code: ERROR_CODE.rateLimited, message: 'too many requests' }, { 'retry-after': String(retryAfter) });
    }
    recent.push(t);
  }

  // --- the service's endpoints ---------------------------------------------------

  /** @param {Buffer} raw */
  function personsBatch(raw) {
    /** @type {unknown} */
    let json;
    try { json = JSON.parse(raw.toString('utf8')); } catch { throw badRequest('body must be JSON'); }
    if (!isObject(json) || !Array.isArray(json.sfzh)) throw badRequest('body must be { "sfzh": [ID numbers] }');
    /** @type {unknown[]} */
    const ids = json.sfzh;
    if (ids.length === 0) throw badRequest('sfzh is empty');
    if (ids.length > config.batchLimit) {
      throw new HttpError(400, { code: ERROR_CODE.batchTooLarge, message: `at most ${config.batchLimit} ID numbers per request` });
    }
    const items = ids.map((rawId) => {
      const id = normalizeId(rawId);
      if (!isWellFormedIdNumber(id)) return { sfzh: typeof rawId === 'string' ? rawId : '', code: ITEM_CODE.invalid, message: '身份证号码格式错误' };
      const p = state.people.get(id);
      return p ? { sfzh: id, code: ITEM_CODE.found, message: '查询成功', data: toWire(p) } : { sfzh: id, code: ITEM_CODE.notFound, message: '查无此人' };
    });
    return { ids: ids.map((v) => (typeof v === 'string' ? v : '')), body: { code: 0, message: 'success', data: { items } } };
  }

  /** @param {string} householdNo */
  function household(householdNo) {
    const members = [...(state.households.get(householdNo) ?? [])].map((id) => state.people.get(id)).filter((p) => p !== undefined);
    if (members.length === 0) return { code: ITEM_CODE.notFound, message: '查无此户' };
    return { code: 0, message: 'success', data: { hh: householdNo, members: members.map(toWire) } };
  }

  // --- control API -------------------------------------------------------------

  /** @param {unknown} body */
  function injectFailure(body) {
    if (!isObject(body)) throw badRequest('expected a JSON object');
    const endpoints = body.endpoint === '*' ? [...ENDPOINTS] : ENDPOINTS.includes(body.endpoint) ? [body.endpoint] : null;
    if (!endpoints) throw badRequest(`endpoint must be one of ${ENDPOINTS.join(', ')} or *`);
    const { httpStatus, delayMs, retryAfterSeconds, times = 1 } = body;
    if (httpStatus !== undefined && !(Number.isInteger(httpStatus) && httpStatus >= 400 && httpStatus <= 599)) throw badRequest('httpStatus must be 400..599');
    if (delayMs !== undefined && !(Number.isInteger(delayMs) && delayMs >= 0)) throw badRequest('delayMs must be >= 0');
    if (retryAfterSeconds !== undefined && !(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) throw badRequest('retryAfterSeconds must be >= 0');
    if (!(Number.isInteger(times) && times >= 1)) throw badRequest('times must be a positive integer');
    if (httpStatus === undefined && delayMs === undefined) throw badRequest('give httpStatus and/or delayMs');
    for (const e of endpoints) {
      const queue = state.failures.get(e) ?? [];
      queue.push({ httpStatus, delayMs, retryAfterSeconds, remaining: times });
      state.failures.set(e, queue);
    }
    return { ok: true };
  }

  /** @param {SharingEndpoint} endpoint */
  function takeInjection(endpoint) {
    const queue = state.failures.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head;
  }

  /** @param {unknown} body */
  function updateConfig(body) {
    if (!isObject(body)) throw badRequest('expected a JSON object');
    for (const key of /** @type {const} */ (['batchLimit', 'rateLimitPerSecond', 'timestampToleranceSeconds'])) {
      if (body[key] === undefined) continue;
      if (!(Number.isInteger(body[key]) && body[key] >= 0)) throw badRequest(`${key} must be an integer >= 0`);
      config[key] = body[key];
    }
    return { ...config };
  }

  /** @param {unknown} body @param {boolean} replace */
  function putPeople(body, replace) {
    const list = Array.isArray(body) ? body : isObject(body) ? body.people : undefined;
    if (!Array.isArray(list)) throw badRequest('expected { "people": [...] }');
    try {
      return loadPeople(list, replace);
    } catch (err) {
      throw badRequest(/** @type {Error} */ (err).message);
    }
  }

  /** @param {unknown} body */
  function advanceTime(body) {
    const seconds = isObject(body) ? body.advanceSeconds : undefined;
    if (!(typeof seconds === 'number' && Number.isFinite(seconds))) throw badRequest('advanceSeconds must be a number');
    state.timeOffsetMs += seconds * 1000;
    return { now: new Date(now()).toISOString(), offsetSeconds: state.timeOffsetMs / 1000 };
  }

  /**
   * @typedef {{ query: Record<string, string>, body: unknown }} Ctx
   * @type {Record<string, Record<string, (ctx: Ctx) => unknown>>}
   */
  const controlRoutes = {
    '/__peer/health': { GET: () => ({ ok: true, people: state.people.size }) },
    '/__peer/people': {
      GET: ({ query }) => {
        const p = query.idNumber ? state.people.get(normalizeId(query.idNumber)) : undefined;
        return query.idNumber ? { person: p ?? null } : { count: state.people.size };
      },
      POST: ({ body }) => putPeople(body, false),
      PUT: ({ body }) => putPeople(body, true),
    },
    '/__peer/fail': { POST: ({ body }) => injectFailure(body) },
    '/__peer/received': {
      GET: ({ query }) => ({ requests: query.endpoint ? state.received.filter((r) => r.endpoint === query.endpoint) : state.received }),
      DELETE: () => ((state.received.length = 0), { ok: true }),
    },
    '/__peer/config': { GET: () => ({ ...config }), POST: ({ body }) => updateConfig(body) },
    '/__peer/time': { POST: ({ body }) => advanceTime(body) },
    '/__peer/reset': { POST: () => (reset(), { ok: true }) },
  };

  /** @param {string} method @param {string} path @returns {{ endpoint: SharingEndpoint, householdNo?: string } | null} */
  function route(method, path) {
    if (path === '/api/v1/hukou/persons/batch-query') return method === 'POST' ? { endpoint: 'persons_batch' } : null;
    const m = /^\/api\/v1\/hukou\/households\/([^/]+)$/.exec(path);
    if (m && method === 'GET') {
      try { return { endpoint: 'household', householdNo: decodeURIComponent(m[1]) }; } catch { return null; }
    }
    return null;
  }

  /**
   * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body
   * @param {Record<string, string>} [headers]
   */
  function send(res, status, body, headers = {}) {
    if (res.headersSent || res.destroyed) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://peer.local');
    const method = req.method ?? 'GET';
    const control = controlRoutes[url.pathname];
    const body = await readBody(req);
    if (control) {
      if (!control[method]) return send(res, 405, { code: ERROR_CODE.badRequest, message: `method ${method} not allowed` });
      let json;
      try { json = body.length ? JSON.parse(body.toString('utf8')) : undefined; } catch { return send(res, 400, { code: ERROR_CODE.badRequest, message: 'malformed JSON' }); }
      return send(res, 200, control[method]({ query: Object.fromEntries(url.searchParams), body: json }));
    }

    const target = route(method, url.pathname);
    const generation = state.generation;
    /** @type {ReceivedRequest} */
    const entry = {
      endpoint: target?.endpoint ?? null,
      at: new Date(now()).toISOString(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      appKey: typeof req.headers['x-app-key'] === 'string' ? req.headers['x-app-key'] : null,
      idNumbers: [],
      status: 0,
      code: null,
    };
    /** @param {number} status @param {unknown} out @param {Record<string, string>} [headers] */
    const reply = (status, out, headers) => {
      entry.status = status;
      entry.code = isObject(out) ? out.code ?? null : null;
      if (generation === state.generation) {
        state.received.push(entry);
        if (state.received.length > MAX_RECEIVED) state.received.shift();
      }
      send(res, status, out, headers);
    };
    if (!target) return reply(404, { code: ERROR_CODE.badRequest, message: 'no such API' });
    if (target.endpoint === 'persons_batch') {
      try {
        const j = JSON.parse(body.toString('utf8'));
        if (Array.isArray(j?.sfzh)) entry.idNumbers = j.sfzh.map((/** @type {unknown} */ v) => String(v));
      } catch { /* logged as is; refused below */ }
    }

    // injected trouble comes first: an outage at the platform's gateway, before any checking
    const injected = takeInjection(target.endpoint);
    if (injected?.delayMs) await sleep(injected.delayMs);
    if (res.destroyed) return reply(499, null); // the caller gave up while we were slow
    if (injected?.httpStatus) {
      const headers = injected.retryAfterSeconds !== undefined ? { 'retry-after': String(injected.retryAfterSeconds) } : undefined;
      if (injected.httpStatus === 429) return reply(429, { code: ERROR_CODE.rateLimited, message: 'too many requests' }, headers);
      return reply(injected.httpStatus, `<html><body><h1>${injected.httpStatus}</h1>injected by civil-affairs-peer</body></html>`, headers);
    }
    try {
      const appKey = authenticate(req, url, body);
      rateLimit(appKey);
      if (target.endpoint === 'persons_batch') return reply(200, personsBatch(body).body);
      return reply(200, household(/** @type {string} */ (target.householdNo)));
    } catch (err) {
      if (err instanceof HttpError) return reply(err.status, err.body, err.headers);
      throw err;
    }
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    // the path only: household numbers are not secrets, ID numbers only ever travel in bodies
    if (!quiet) res.on('finish', () => process.stderr.write(`[civil-affairs-peer] ${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${Date.now() - started}ms\n`));
    handle(req, res).catch((err) => {
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('connection', 'close');
        return send(res, err.status, err.body, err.headers);
      }
      if (!quiet) process.stderr.write(`[civil-affairs-peer] internal error: ${err?.stack ?? err}\n`);
      send(res, 500, { code: ERROR_CODE.system, message: 'system error' });
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(undefined); });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed = false;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    state,
    reset,
    /** @param {PeerPerson[]} people adds (or replaces, by ID number) people in the dataset */
    addPeople: (people) => loadPeople(people, false),
    /** Stops listening, drops open connections and pending injected delays. */
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
    },
  };
}

export const PERSON_CSV_HEADER = PERSON_FIELDS.join(',');

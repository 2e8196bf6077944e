// The local WeChat peer: a real HTTP server implementing the parts of the WeChat
// server API that Jianban uses (jscode2session, stable_token, subscribe/send), plus a
// control API under /__peer/ so development and tests can mint login codes, grant
// subscribe credits, register templates, inject failures and read what was received.
// 微信人脸核身 (getverifyid / queryverifyinfo): POST /__peer/face plays the user's part in wx.requestFacialVerify.
// All state lives in memory. No dependencies beyond node:*.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { deflateSync } from 'node:zlib';

/** @typedef {'jscode2session' | 'stable_token' | 'subscribe_send' | 'face_getverifyid' | 'face_queryverifyinfo' | 'getwxacodeunlimit'} WechatEndpoint */
/**
 * @typedef {'thing' | 'phrase' | 'character_string' | 'name' | 'amount' | 'number' | 'date' | 'time'
 *   | 'letter' | 'symbol' | 'phone_number' | 'car_number'} FieldType
 */
/** @typedef {{ errcode?: number, delayMs?: number, httpStatus?: number, lostReply?: boolean, remaining: number }} Injection */
/** @typedef {{ httpStatusRate: number, lostReplyRate: number, httpStatus: number }} Chaos */
/** @typedef {{ appid: string, issuedAt: number, expiresAt: number, supersededAt?: number }} TokenInfo */
/**
 * @typedef {{ endpoint: WechatEndpoint, at: string, method: string, path: string,
 *   query: Record<string, string>, body: unknown, response: { status: number, body: unknown } }} ReceivedRequest
 */
/**
 * @typedef {{ msgid: number, at: string, appid: string, touser: string, template_id: string, page?: string,
 *   data: Record<string, { value: string }>, miniprogram_state?: string, lang?: string }} SentMessage
 */
/**
 * @typedef {object} PeerOptions
 * @property {number} [port] 0 picks a free port
 * @property {string} [host]
 * @property {string} [appId] when set (with appSecret), other appids are rejected with 40013
 * @property {string} [appSecret] when set, other secrets are rejected with 40125
 * @property {string[]} [publishedPages] the mini-program's published pages ("pages/index/index"); when set, getwxacodeunlimit
 *   with check_path answers 41030 for any other page
 * @property {boolean} [quiet] suppress the per-request log on stderr
 * @property {number} [rateLimitPerMinute] jscode2session calls allowed per appid per sliding minute (default 100)
 * @property {number} [tokenTtlSeconds] access_token lifetime (default 7200)
 * @property {number} [tokenGraceSeconds] how long the previous token stays valid after force_refresh (default 30)
 * @property {() => number} [now] clock in ms (default Date.now); POST /__peer/time shifts it further
 */

export const TEMPLATE_FIELD_TYPES = /** @type {const} */ ([
  'thing', 'phrase', 'character_string', 'name', 'amount', 'number',
  'date', 'time', 'letter', 'symbol', 'phone_number', 'car_number',
]);
const ENDPOINTS = /** @type {const} */ (['jscode2session', 'stable_token', 'subscribe_send', 'face_getverifyid', 'face_queryverifyinfo', 'getwxacodeunlimit']);
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECEIVED = 5000;

/** errmsg texts as WeChat words them */
const ERRMSG = /** @type {Record<number, string>} */ ({
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40129: 'invalid scene',
  40169: 'invalid length for scene, or the data is not json string',
  41030: 'invalid page',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  84001: 'invalid identify id',
  47001: 'data format error',
  47003: 'argument invalid!',
});

/** @param {number} errcode @param {string} [errmsg] */
const wxError = (errcode, errmsg) => ({ errcode, errmsg: errmsg ?? ERRMSG[errcode] ?? 'error' });

// ---------------------------------------------------------------------------
// Template field validation (the limits WeChat documents for subscribe messages)
// ---------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;
/** @param {string} s */
const charCount = (s) => [...s].length;

/** @param {string} s */
function isValidDateOrDateTime(s) {
  const m =
    /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s) ??
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [, , mo, d, h, mi, sec] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31) return false;
  return h === undefined || isValidClock(h, mi, sec);
}

/** @param {string} h @param {string} mi @param {string} [sec] */
const isValidClock = (h, mi, sec) => +h <= 23 && +mi <= 59 && (sec === undefined || +sec <= 59);

/** @type {Record<FieldType, (v: string) => boolean>} */
const FIELD_RULES = {
  thing: (v) => charCount(v) <= 20,
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
  character_string: (v) => charCount(v) <= 32 && /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/.test(v),
  name: (v) => {
    if (/^[A-Za-z][A-Za-z .'-]*$/.test(v)) return charCount(v) <= 20;
    return /^[\p{Script=Han}A-Za-z·•. ]+$/u.test(v) && HAN.test(v) && charCount(v) <= 10;
  },
  amount: (v) => /^[¥￥$]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v),
  number: (v) => /^-?\d+(?:\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32,
  date: isValidDateOrDateTime,
  time: (v) => {
    const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
    return clock ? isValidClock(clock[1], clock[2], clock[3]) : isValidDateOrDateTime(v);
  },
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v),
  phone_number: (v) => charCount(v) <= 17 && /^\+?[\d\-() ]*\d[\d\-() ]*$/.test(v),
  car_number: (v) => charCount(v) <= 8 && /^\p{Script=Han}?[A-Za-z0-9]+\p{Script=Han}?$/u.test(v),
};

/**
 * @param {FieldType} type
 * @param {unknown} raw
 * @returns {boolean}
 */
export function isValidFieldValue(type, raw) {
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== 'string' || raw.trim() === '') return false;
  const rule = FIELD_RULES[type];
  return rule ? rule(raw) : false;
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** @param {string} user */
export const openidForUser = (user) =>
  'o' + createHash('sha256').update(`jianban-peer:${user}`).digest('base64url').slice(0, 27);
const randomOpenid = () => 'o' + randomBytes(21).toString('base64url').slice(0, 27);
const randomCode = () => randomBytes(24).toString('base64url'); // 32 chars, like WeChat's
const randomSessionKey = () => randomBytes(16).toString('base64'); // 24 chars
const randomToken = () => randomBytes(96).toString('base64url'); // opaque, ~128 chars

/** cert_hash as WeChat documents it: sha256 hex of cert_type=…&cert_name=…&cert_no=… with base64 values */
const faceCertHash = (/** @type {string} */ name, /** @type {string} */ no) => {
  const b64 = (/** @type {string} */ v) => Buffer.from(v, 'utf8').toString('base64');
  return createHash('sha256').update(`cert_type=${b64('IDENTITY_CARD')}&cert_name=${b64(name)}&cert_no=${b64(no)}`).digest('hex');
};

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** @param {unknown} v @returns {v is string} */
const nonEmptyString = (v) => typeof v === 'string' && v.length > 0;

class HttpError extends Error {
  /** @param {number} status @param {object} body */
  constructor(status, body) {
    super(JSON.stringify(body));
    this.status = status;
    this.body = body;
  }
}
const badRequest = (/** @type {string} */ errmsg) => new HttpError(400, { errcode: -1, errmsg });

// ---------------------------------------------------------------------------
// wxacode.getUnlimited (获取不限制的小程序码): a PNG the peer draws itself
// ---------------------------------------------------------------------------

/** scene: at most 32 visible characters from the set WeChat documents (digits, letters, !#$&'()*+,/:;=?@-._~) */
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
/** @param {Buffer} buf */
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
/** @param {string} type @param {Buffer} data */
const pngChunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/**
 * A round code like WeChat's (not scannable: a stand-in): a dark ring of rays whose pattern comes from the scene and
 * page, around a plain centre, on white (or transparent with is_hyaline). Greyscale+alpha PNG, `width` px square.
 * @param {{ scene: string, page: string, width: number, hyaline: boolean, color: { r: number, g: number, b: number } }} o
 */
export function drawWxaCode({ scene, page, width, hyaline, color }) {
  const bits = createHash('sha256').update(`${page}\n${scene}`).digest();
  const rays = 72;
  const half = width / 2;
  const rows = [];
  for (let y = 0; y < width; y++) {
    const row = Buffer.alloc(1 + width * 4); // filter byte 0, then RGBA
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - half;
      const dy = y + 0.5 - half;
      const r = Math.hypot(dx, dy) / half; // 0 at the centre, 1 at the edge
      const ray = Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * rays) % rays;
      const bit = (bits[ray % bits.length] >> (ray % 8)) & 1;
      const band = r > 0.5 && r < 0.5 + 0.42 * (0.35 + 0.65 * ((bits[(ray * 7) % bits.length] & 0xff) / 255));
      const ink = (r > 0.3 && r < 0.36) || (band && (bit || ray % 2 === 0));
      const o = 1 + x * 4;
      if (ink) {
        row[o] = color.r;
        row[o + 1] = color.g;
        row[o + 2] = color.b;
        row[o + 3] = 255;
      } else {
        row[o] = row[o + 1] = row[o + 2] = 255;
        row[o + 3] = hyaline ? 0 : 255;
      }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<{ raw: string, json: unknown, malformed: boolean }>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, { errcode: -1, errmsg: 'request body too large (limit 1 MB)' }));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.trim() === '') return resolve({ raw, json: undefined, malformed: false });
      try {
        resolve({ raw, json: JSON.parse(raw), malformed: false });
      } catch {
        resolve({ raw, json: undefined, malformed: true });
      }
    });
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------
// The peer
// ---------------------------------------------------------------------------

/**
 * Starts the peer.
 * @param {PeerOptions} [options]
 */
export async function startWechatPeer(options = {}) {
  const { port = 0, host = '127.0.0.1', appId, appSecret, quiet = false } = options;
  const baseNow = options.now ?? Date.now;
  const publishedPages = options.publishedPages ? new Set(options.publishedPages) : null;

  const config = {
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    tokenGraceSeconds: options.tokenGraceSeconds ?? 30,
  };

  const state = {
    config,
    /** shift added to the clock by POST /__peer/time */
    timeOffsetMs: 0,
    /** @type {Map<string, { openid: string, unionid?: string }>} one-time login codes */
    codes: new Map(),
    /** @type {Map<string, number[]>} appid → timestamps of accepted jscode2session calls */
    jscodeCalls: new Map(),
    /** @type {Map<string, TokenInfo>} */
    tokens: new Map(),
    /** @type {Map<string, string>} appid → current stable token */
    currentToken: new Map(),
    /** @type {Map<string, number>} `${openid}\n${templateId}` → credits */
    credits: new Map(),
    /** @type {Map<string, Record<string, FieldType>>} */
    templates: new Map(),
    /** @type {Map<WechatEndpoint, Injection[]>} */
    failures: new Map(),
    /** @type {Map<WechatEndpoint, Chaos>} random failures (a share of calls), after the queued injections */
    chaos: new Map(),
    /** replies handled but deliberately not delivered (lost replies), per endpoint */
    lostReplies: /** @type {Record<string, number>} */ ({}),
    /** @type {ReceivedRequest[]} */
    received: [],
    /** @type {SentMessage[]} */
    messages: [],
    nextMsgid: 2_000_000_000_000_000,
    /**
     * 人脸核身 sessions by verify_id; `ret` is what the user's scan produced (null until POST /__peer/face)
     * @type {Map<string, { appid: string, outSeqNo: string, openid: string, certHash: string, expiresAt: number, ret: number | null }>}
     */
    faceSessions: new Map(),
    /** @type {{ at: string, appid: string, scene: string, page: string | null, width: number, envVersion: string }[]} 小程序码 drawn */
    wxaCodes: [],
  };

  const now = () => baseNow() + state.timeOffsetMs;
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  /** @param {number} ms */
  const sleep = (ms) =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve(undefined);
      }, ms);
      timers.add(t);
    });

  function reset() {
    state.timeOffsetMs = 0;
    for (const m of [state.codes, state.jscodeCalls, state.tokens, state.currentToken, state.credits, state.templates, state.failures, state.chaos, state.faceSessions]) {
      m.clear();
    }
    state.lostReplies = {};
    state.received.length = 0;
    state.messages.length = 0;
    state.wxaCodes.length = 0;
  }

  /** @param {string} openid @param {string} templateId */
  const creditKey = (openid, templateId) => `${openid}\n${templateId}`;

  /**
   * Checks appid/secret against the configured pair (any pair is fine when none is configured).
   * @param {unknown} appid @param {unknown} secret
   */
  function checkApp(appid, secret) {
    if (!nonEmptyString(appid)) return wxError(41002);
    if (!nonEmptyString(secret)) return wxError(41004);
    if (appId && appid !== appId) return wxError(40013);
    if (appSecret && secret !== appSecret) return wxError(40125);
    return null;
  }

  // --- WeChat endpoints ----------------------------------------------------

  /** @param {Record<string, string>} query */
  function jscode2session(query) {
    const { appid, secret, js_code: code, grant_type: grantType } = query;
    const appError = checkApp(appid, secret);
    if (appError) return appError;
    if (!nonEmptyString(code)) return wxError(41008);
    if (grantType !== 'authorization_code') return wxError(40002);

    const t = now();
    const recent = (state.jscodeCalls.get(appid) ?? []).filter((at) => at > t - 60_000);
    state.jscodeCalls.set(appid, recent);
    if (recent.length >= config.rateLimitPerMinute) return wxError(45011);
    recent.push(t);

    const login = state.codes.get(code);
    if (!login) return wxError(40029);
    state.codes.delete(code);
    return {
      openid: login.openid,
      session_key: randomSessionKey(),
      ...(login.unionid ? { unionid: login.unionid } : {}),
    };
  }

  /** @param {unknown} body */
  function stableToken(body) {
    if (!isObject(body)) return wxError(41002);
    const { grant_type: grantType, appid, secret, force_refresh: forceRefresh } = body;
    const appError = checkApp(appid, secret);
    if (appError) return appError;
    if (grantType !== 'client_credential') return wxError(40002);

    const t = now();
    const currentId = state.currentToken.get(appid);
    const current = currentId ? state.tokens.get(currentId) : undefined;
    if (currentId && current && current.expiresAt > t && forceRefresh !== true) {
      return { access_token: currentId, expires_in: Math.ceil((current.expiresAt - t) / 1000) };
    }
    if (current && current.expiresAt > t) current.supersededAt = t;
    const token = randomToken();
    state.tokens.set(token, { appid, issuedAt: t, expiresAt: t + config.tokenTtlSeconds * 1000 });
    state.currentToken.set(appid, token);
    return { access_token: token, expires_in: config.tokenTtlSeconds };
  }

  /**
   * @param {string | undefined} accessToken
   * @returns {{ error: object } | { appid: string }}
   */
  function checkToken(accessToken) {
    if (!nonEmptyString(accessToken)) return { error: wxError(41001) };
    const info = state.tokens.get(accessToken);
    if (!info) return { error: wxError(40001) };
    const t = now();
    if (info.expiresAt <= t) return { error: wxError(42001) };
    if (info.supersededAt !== undefined && t >= info.supersededAt + config.tokenGraceSeconds * 1000) {
      return { error: wxError(40001) };
    }
    return { appid: info.appid };
  }

  /** @param {Record<string, string>} query @param {unknown} body */
  function subscribeSend(query, body) {
    const auth = checkToken(query.access_token);
    if ('error' in auth) return auth.error;
    if (!isObject(body)) return wxError(47001);
    const { touser, template_id: templateId, page, data, miniprogram_state: mpState, lang } = body;
    if (!nonEmptyString(touser)) return wxError(40003);
    if (!nonEmptyString(templateId)) return wxError(40037);
    const fields = state.templates.get(templateId);
    if (!fields) return wxError(40037);
    if (page !== undefined && typeof page !== 'string') return wxError(47003, 'argument invalid! page invalid');
    if (mpState !== undefined && !['developer', 'trial', 'formal'].includes(mpState)) {
      return wxError(47003, 'argument invalid! miniprogram_state invalid');
    }
    if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang)) {
      return wxError(47003, 'argument invalid! lang invalid');
    }
    if (!isObject(data)) return wxError(47003, 'argument invalid! data invalid');
    for (const [key, type] of Object.entries(fields)) {
      const entry = data[key];
      if (!isObject(entry) || !isValidFieldValue(type, entry.value)) {
        return wxError(47003, `argument invalid! data.${key}.value invalid`);
      }
    }

    const key = creditKey(touser, templateId);
    const credits = state.credits.get(key) ?? 0;
    if (credits <= 0) return wxError(43101);
    state.credits.set(key, credits - 1);

    const msgid = state.nextMsgid++;
    state.messages.push({
      msgid,
      at: new Date(now()).toISOString(),
      appid: auth.appid,
      touser,
      template_id: templateId,
      ...(page !== undefined ? { page } : {}),
      data: structuredClone(data),
      ...(mpState !== undefined ? { miniprogram_state: mpState } : {}),
      ...(lang !== undefined ? { lang } : {}),
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  }

  /** @param {Record<string, string>} query @param {unknown} body */
  function faceGetVerifyId(query, body) {
    const auth = checkToken(query.access_token);
    if ('error' in auth) return auth.error;
    if (!isObject(body) || !isObject(body.cert_info)) return wxError(47001);
    const { out_seq_no: outSeqNo, cert_info: cert, openid } = body;
    if (!(typeof outSeqNo === 'string' && /^[A-Za-z0-9_-]{5,32}$/.test(outSeqNo))) return wxError(47003, 'argument invalid! out_seq_no invalid');
    if (cert.cert_type !== 'IDENTITY_CARD' || !nonEmptyString(cert.cert_name) || !nonEmptyString(cert.cert_no)) {
      return wxError(47003, 'argument invalid! cert_info invalid');
    }
    if (!nonEmptyString(openid)) return wxError(40003);
    for (const f of state.faceSessions.values()) {
      if (f.appid === auth.appid && f.outSeqNo === outSeqNo) return wxError(47003, 'argument invalid! out_seq_no duplicated');
    }
    const verifyId = randomToken();
    state.faceSessions.set(verifyId, {
      appid: auth.appid, outSeqNo, openid, certHash: faceCertHash(cert.cert_name, cert.cert_no), expiresAt: now() + 3600_000, ret: null,
    });
    return { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: 3600 };
  }

  /** @param {Record<string, string>} query @param {unknown} body */
  function faceQueryVerifyInfo(query, body) {
    const auth = checkToken(query.access_token);
    if ('error' in auth) return auth.error;
    if (!isObject(body)) return wxError(47001);
    const session = nonEmptyString(body.verify_id) ? state.faceSessions.get(body.verify_id) : undefined;
    if (!session || session.appid !== auth.appid) return wxError(84001);
    // WeChat checks the identity and the user against the session, so a tampered cert_info or openid is refused
    if (body.out_seq_no !== session.outSeqNo || body.openid !== session.openid || body.cert_hash !== session.certHash) {
      return wxError(47003, 'argument invalid! cert_hash, openid or out_seq_no does not match the session');
    }
    // no scan happened (or it ran out): reported like a scan that timed out (90017)
    const ret = session.ret ?? 90017;
    return { errcode: 0, errmsg: 'ok', verify_ret: ret };
  }

  /** @param {unknown} body */
  function playFaceScan(body) {
    if (!isObject(body)) throw badRequest('expected a JSON object');
    const { verifyId, user, ret = 10000 } = body;
    // the latest session of an openid, or of a development nickname (?devUser=…)
    const openid = body.openid ?? (typeof user === 'string' ? openidForUser(user) : undefined);
    if (!Number.isInteger(ret)) throw badRequest('ret must be an integer (10000 passes)');
    let session = nonEmptyString(verifyId) ? state.faceSessions.get(verifyId) : undefined;
    if (!session && nonEmptyString(openid)) session = [...state.faceSessions.values()].filter((f) => f.openid === openid).at(-1);
    if (!session) throw new HttpError(404, { errcode: -1, errmsg: 'no such face session' });
    session.ret = session.expiresAt > now() ? ret : 90017;
    return { ok: true, ret: session.ret };
  }

  /**
   * wxacode.getUnlimited: the image bytes on success, a JSON errcode otherwise (HTTP 200 either way, like WeChat).
   * Checks as WeChat documents them: scene 1–32 characters of the allowed set (40169 / 40129); page without a leading
   * "/" or parameters, and, while check_path is true, one of the published pages when the peer was given a list
   * (41030); env_version release/trial/develop. The width is kept within 280–1280 px (the peer's choice for values
   * outside; WeChat's default is 430).
   * @param {Record<string, string>} query @param {unknown} body
   */
  function getWxaCodeUnlimit(query, body) {
    const auth = checkToken(query.access_token);
    if ('error' in auth) return auth.error;
    if (!isObject(body)) return wxError(47001);
    const { scene, page, width = 430, check_path: checkPath = true, env_version: envVersion = 'release', is_hyaline: hyaline = false } = body;
    if (typeof scene !== 'string' || charCount(scene) < 1 || charCount(scene) > 32) return wxError(40169);
    if (!SCENE_CHARS.test(scene)) return wxError(40129);
    if (page !== undefined) {
      if (typeof page !== 'string' || page.startsWith('/') || /[?#]/.test(page) || !/^[A-Za-z0-9_\-/]+$/.test(page)) return wxError(41030);
      if (checkPath !== false && publishedPages && !publishedPages.has(page)) return wxError(41030);
    }
    if (!['release', 'trial', 'develop'].includes(envVersion)) return wxError(40097);
    if (!(typeof width === 'number' && Number.isFinite(width))) return wxError(40097);
    const lc = isObject(body.line_color) ? body.line_color : {};
    const channel = (/** @type {unknown} */ v) => Math.max(0, Math.min(255, Math.round(Number(v) || 0)));
    const size = Math.max(280, Math.min(1280, Math.round(width)));
    const png = drawWxaCode({ scene, page: page ?? '', width: size, hyaline: hyaline === true, color: { r: channel(lc.r), g: channel(lc.g), b: channel(lc.b) } });
    state.wxaCodes.push({ at: new Date(now()).toISOString(), appid: auth.appid, scene, page: page ?? null, width: size, envVersion });
    return { binary: { contentType: 'image/png', body: png } };
  }

  // --- control API -----------------------------------------------------------

  /** @param {unknown} body */
  function mintCode(body) {
    const input = isObject(body) ? body : {};
    const { openid, user, unionid } = input;
    if (openid !== undefined && !nonEmptyString(openid)) throw badRequest('openid must be a non-empty string');
    if (user !== undefined && !(typeof user === 'string' && /^[a-z0-9_-]{1,32}$/.test(user))) {
      throw badRequest('user must match [a-z0-9_-]{1,32}');
    }
    if (unionid !== undefined && !nonEmptyString(unionid)) throw badRequest('unionid must be a non-empty string');
    const resolved = openid ?? (user !== undefined ? openidForUser(user) : randomOpenid());
    const code = randomCode();
    state.codes.set(code, { openid: resolved, ...(unionid ? { unionid } : {}) });
    return { code, openid: resolved };
  }

  /** @param {unknown} body */
  function addCredits(body) {
    if (!isObject(body) || !nonEmptyString(body.openid) || !nonEmptyString(body.templateId)) {
      throw badRequest('openid and templateId are required');
    }
    const count = body.count ?? 1;
    if (!Number.isInteger(count) || count < 0) throw badRequest('count must be a non-negative integer');
    const key = creditKey(body.openid, body.templateId);
    const total = (state.credits.get(key) ?? 0) + count;
    state.credits.set(key, total);
    return { count: total };
  }

  /** @param {Record<string, string>} query */
  function getCredits(query) {
    if (!nonEmptyString(query.openid) || !nonEmptyString(query.templateId)) {
      throw badRequest('openid and templateId are required');
    }
    return { count: state.credits.get(creditKey(query.openid, query.templateId)) ?? 0 };
  }

  /** @param {unknown} body */
  function registerTemplate(body) {
    if (!isObject(body) || !nonEmptyString(body.id) || !isObject(body.fields)) {
      throw badRequest('id and fields are required');
    }
    for (const [key, type] of Object.entries(body.fields)) {
      if (!TEMPLATE_FIELD_TYPES.includes(type)) throw badRequest(`field ${key}: unknown type ${String(type)}`);
    }
    state.templates.set(body.id, { ...body.fields });
    return { id: body.id, fields: body.fields };
  }

  /** @param {unknown} body */
  function injectFailure(body) {
    if (!isObject(body) || !ENDPOINTS.includes(body.endpoint)) {
      throw badRequest(`endpoint must be one of ${ENDPOINTS.join(', ')}`);
    }
    const { endpoint, errcode, delayMs, httpStatus, lostReply, times = 1 } = body;
    if (lostReply !== undefined && typeof lostReply !== 'boolean') throw badRequest('lostReply must be a boolean');
    if (errcode !== undefined && !Number.isInteger(errcode)) throw badRequest('errcode must be an integer');
    if (delayMs !== undefined && !(Number.isInteger(delayMs) && delayMs >= 0)) throw badRequest('delayMs must be >= 0');
    if (httpStatus !== undefined && !(Number.isInteger(httpStatus) && httpStatus >= 400 && httpStatus <= 599)) {
      throw badRequest('httpStatus must be 400..599');
    }
    if (!(Number.isInteger(times) && times >= 1)) throw badRequest('times must be a positive integer');
    if (errcode === undefined && delayMs === undefined && httpStatus === undefined && !lostReply) {
      throw badRequest('give errcode, delayMs, httpStatus or lostReply');
    }
    const queue = state.failures.get(endpoint) ?? [];
    queue.push({ errcode, delayMs, httpStatus, lostReply, remaining: times });
    state.failures.set(endpoint, queue);
    return { ok: true, pending: queue.reduce((n, f) => n + f.remaining, 0) };
  }

  /** @param {unknown} body */
  function setChaos(body) {
    if (!isObject(body) || !ENDPOINTS.includes(body.endpoint)) {
      throw badRequest(`endpoint must be one of ${ENDPOINTS.join(', ')}`);
    }
    const { endpoint, httpStatusRate = 0, lostReplyRate = 0, httpStatus = 503 } = body;
    for (const [k, v] of Object.entries({ httpStatusRate, lostReplyRate })) {
      if (!(typeof v === 'number' && v >= 0 && v <= 1)) throw badRequest(`${k} must be a number in 0..1`);
    }
    if (!(Number.isInteger(httpStatus) && httpStatus >= 500 && httpStatus <= 599)) throw badRequest('httpStatus must be 500..599');
    if (httpStatusRate + lostReplyRate > 1) throw badRequest('the rates add up to more than 1');
    if (httpStatusRate === 0 && lostReplyRate === 0) state.chaos.delete(endpoint);
    else state.chaos.set(endpoint, { httpStatusRate, lostReplyRate, httpStatus });
    return { ok: true, chaos: Object.fromEntries(state.chaos) };
  }

  /** @param {WechatEndpoint} endpoint @returns {Injection | undefined} */
  function takeInjection(endpoint) {
    const queue = state.failures.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return takeChaos(endpoint);
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    // a pure delay still lets the random failures happen (after the delay)
    const delayOnly = head.errcode === undefined && head.httpStatus === undefined && !head.lostReply;
    const chaos = delayOnly ? takeChaos(endpoint) : undefined;
    return chaos ? { ...chaos, delayMs: head.delayMs, remaining: 0 } : head;
  }

  /** @param {WechatEndpoint} endpoint @returns {Injection | undefined} */
  function takeChaos(endpoint) {
    const c = state.chaos.get(endpoint);
    if (!c) return undefined;
    const roll = Math.random();
    if (roll < c.httpStatusRate) return { httpStatus: c.httpStatus, remaining: 0 };
    if (roll < c.httpStatusRate + c.lostReplyRate) return { lostReply: true, remaining: 0 };
    return undefined;
  }

  /** @param {unknown} body */
  function updateConfig(body) {
    if (!isObject(body)) throw badRequest('expected a JSON object');
    for (const key of /** @type {const} */ (['rateLimitPerMinute', 'tokenTtlSeconds', 'tokenGraceSeconds'])) {
      if (body[key] === undefined) continue;
      if (!(typeof body[key] === 'number' && body[key] >= 0)) throw badRequest(`${key} must be a number >= 0`);
      config[key] = body[key];
    }
    return { ...config };
  }

  /** @param {unknown} body */
  function advanceTime(body) {
    const seconds = isObject(body) ? body.advanceSeconds : undefined;
    if (!(typeof seconds === 'number' && seconds >= 0)) throw badRequest('advanceSeconds must be a number >= 0');
    state.timeOffsetMs += seconds * 1000;
    return { now: new Date(now()).toISOString(), offsetSeconds: state.timeOffsetMs / 1000 };
  }

  // --- routing -----------------------------------------------------------------

  /**
   * @typedef {{ query: Record<string, string>, body: unknown }} Ctx
   * @type {Record<string, Record<string, (ctx: Ctx) => unknown>>}
   */
  const controlRoutes = {
    '/__peer/health': { GET: () => ({ ok: true }) },
    '/__peer/code': { POST: ({ body }) => mintCode(body) },
    '/__peer/credits': { POST: ({ body }) => addCredits(body), GET: ({ query }) => getCredits(query) },
    '/__peer/templates': {
      POST: ({ body }) => registerTemplate(body),
      GET: () => ({ templates: [...state.templates].map(([id, fields]) => ({ id, fields })) }),
    },
    '/__peer/fail': { POST: ({ body }) => injectFailure(body) },
    '/__peer/chaos': { POST: ({ body }) => setChaos(body), GET: () => ({ chaos: Object.fromEntries(state.chaos), lostReplies: state.lostReplies }) },
    '/__peer/received': {
      GET: ({ query }) => ({
        requests: query.endpoint ? state.received.filter((r) => r.endpoint === query.endpoint) : state.received,
      }),
    },
    '/__peer/wxacodes': { GET: () => ({ codes: state.wxaCodes }) },
    '/__peer/messages': {
      GET: ({ query }) => ({
        messages: query.touser ? state.messages.filter((m) => m.touser === query.touser) : state.messages,
      }),
    },
    '/__peer/config': { GET: () => ({ ...config }), POST: ({ body }) => updateConfig(body) },
    '/__peer/time': { POST: ({ body }) => advanceTime(body) },
    '/__peer/reset': { POST: () => (reset(), { ok: true }) },
    '/__peer/face': {
      POST: ({ body }) => playFaceScan(body),
      GET: () => ({ sessions: [...state.faceSessions.values()].map(({ openid, outSeqNo, ret }) => ({ openid, outSeqNo, ret })) }),
    },
  };

  /** @type {Record<string, { method: string, endpoint: WechatEndpoint, bodyless: boolean, handle: (ctx: Ctx) => object }>} */
  const wechatRoutes = {
    '/sns/jscode2session': { method: 'GET', endpoint: 'jscode2session', bodyless: true, handle: ({ query }) => jscode2session(query) },
    '/cgi-bin/stable_token': { method: 'POST', endpoint: 'stable_token', bodyless: false, handle: ({ body }) => stableToken(body) },
    '/cgi-bin/message/subscribe/send': {
      method: 'POST', endpoint: 'subscribe_send', bodyless: false, handle: ({ query, body }) => subscribeSend(query, body),
    },
    '/cityservice/face/identify/getverifyid': {
      method: 'POST', endpoint: 'face_getverifyid', bodyless: false, handle: ({ query, body }) => faceGetVerifyId(query, body),
    },
    '/cityservice/face/identify/queryverifyinfo': {
      method: 'POST', endpoint: 'face_queryverifyinfo', bodyless: false, handle: ({ query, body }) => faceQueryVerifyInfo(query, body),
    },
    '/wxa/getwxacodeunlimit': {
      method: 'POST', endpoint: 'getwxacodeunlimit', bodyless: false, handle: ({ query, body }) => getWxaCodeUnlimit(query, body),
    },
  };

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {unknown} body
   */
  function sendJson(res, status, body) {
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://peer.local');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const wechat = wechatRoutes[url.pathname];
    const control = controlRoutes[url.pathname];

    if (!wechat && !control) return sendJson(res, 404, { errcode: -1, errmsg: 'not found' });
    if ((wechat && wechat.method !== method) || (control && !control[method])) {
      return sendJson(res, 405, { errcode: -1, errmsg: `method ${method} not allowed` });
    }

    const { json, malformed } = await readBody(req);

    if (control) {
      if (malformed) return sendJson(res, 400, wxError(47001, 'data format error: malformed JSON'));
      return sendJson(res, 200, control[method]({ query, body: json }));
    }

    /** @param {number} status @param {unknown} responseBody */
    const record = (status, responseBody) => {
      state.received.push({
        endpoint: wechat.endpoint,
        at: new Date(now()).toISOString(),
        method,
        path: url.pathname,
        query,
        body: json,
        response: { status, body: responseBody },
      });
      if (state.received.length > MAX_RECEIVED) state.received.shift();
    };

    const injected = takeInjection(wechat.endpoint);
    if (injected?.delayMs) await sleep(injected.delayMs);
    if (injected?.httpStatus) {
      const text = `<html><body><h1>${injected.httpStatus}</h1>injected by wechat-peer</body></html>`;
      record(injected.httpStatus, text);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(injected.httpStatus, { 'content-type': 'text/html; charset=utf-8' });
        res.end(text);
      }
      return;
    }
    /** @type {object} */
    let result;
    if (injected?.errcode !== undefined) result = wxError(injected.errcode);
    else if (malformed) result = wxError(47001);
    else result = wechat.handle({ query, body: json });
    const binary = 'binary' in result ? /** @type {{ contentType: string, body: Buffer }} */ (result.binary) : null;
    record(200, binary ? { image: binary.contentType, bytes: binary.body.length } : result);
    if (injected?.lostReply) {
      // handled (a message is delivered, a credit spent) but the caller never hears back
      state.lostReplies[wechat.endpoint] = (state.lostReplies[wechat.endpoint] ?? 0) + 1;
      res.destroy();
      return;
    }
    if (binary) {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(200, { 'content-type': binary.contentType, 'content-length': binary.body.length });
      res.end(binary.body);
      return;
    }
    sendJson(res, 200, result);
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    if (!quiet) res.on('finish', () => process.stderr.write(`[wechat-peer] ${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${Date.now() - started}ms\n`));
    handle(req, res).catch((err) => {
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('connection', 'close');
        return sendJson(res, err.status, err.body);
      }
      if (!quiet) process.stderr.write(`[wechat-peer] internal error: ${err?.stack ?? err}\n`);
      sendJson(res, 500, { errcode: -1, errmsg: 'system error' });
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed = false;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    state,
    reset,
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

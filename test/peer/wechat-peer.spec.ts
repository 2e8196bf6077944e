// Tests of the local WeChat peer over real HTTP (Node's global fetch).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

type Json = Record<string, any>;
interface Peer {
  url: string;
  port: number;
  close(): Promise<void>;
  state: Json;
}
interface PeerOptions {
  port?: number;
  appId?: string;
  appSecret?: string;
  quiet?: boolean;
  rateLimitPerMinute?: number;
  tokenTtlSeconds?: number;
  tokenGraceSeconds?: number;
  publishedPages?: string[];
  now?: () => number;
}

const REPO_ROOT = join(__dirname, '..', '..');

async function loadPeer(): Promise<{ startWechatPeer(o?: PeerOptions): Promise<Peer> }> {
  return import('../../scripts/wechat-peer/peer.mjs');
}

/** A controllable clock so time-dependent behaviour is tested without sleeping. */
function fakeClock(start = Date.UTC(2026, 10, 27, 1, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (seconds: number) => void (t += seconds * 1000) };
}

function client(peer: Peer) {
  const call = async (method: string, path: string, body?: unknown, init: RequestInit = {}) => {
    const res = await fetch(peer.url + path, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json: json as Json, text };
  };
  const get = (path: string) => call('GET', path);
  const post = (path: string, body?: unknown) => call('POST', path, body);
  const api = {
    call,
    get,
    post,
    async mintCode(body: Json = {}) {
      const r = await post('/__peer/code', body);
      expect(r.status).toBe(200);
      return r.json as { code: string; openid: string };
    },
    jscode2session(code: string, appid = 'wx-dev', secret = 'dev-secret') {
      const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' });
      return get(`/sns/jscode2session?${q}`);
    },
    stableToken(extra: Json = {}, appid = 'wx-dev', secret = 'dev-secret') {
      return post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret, ...extra });
    },
    async token(extra: Json = {}) {
      const r = await api.stableToken(extra);
      expect(typeof r.json.access_token).toBe('string');
      return r.json.access_token as string;
    },
    send(token: string, body: Json) {
      return post(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, body);
    },
  };
  return api;
}

const TEMPLATE = 'tpl-booking-confirmed';
const FIELDS = {
  thing1: 'thing',
  phrase2: 'phrase',
  character_string3: 'character_string',
  name4: 'name',
  amount5: 'amount',
  number6: 'number',
  date7: 'date',
  time8: 'time',
  letter9: 'letter',
  symbol10: 'symbol',
  phone_number11: 'phone_number',
  car_number12: 'car_number',
} as const;
type FieldKey = keyof typeof FIELDS;
const VALID: Record<FieldKey, string> = {
  thing1: '荆州区政务服务中心户籍窗口',
  phrase2: '已确认',
  character_string3: 'BK-20261127-0042',
  name4: '张三',
  amount5: '¥120.50元',
  number6: '3',
  date7: '2026年11月27日',
  time8: '2026-11-27 09:30',
  letter9: 'ABC',
  symbol10: '★',
  phone_number11: '+86-0716-8123456',
  car_number12: '鄂D12345',
};
const dataOf = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }]));

describe('local WeChat peer', () => {
  let peer: Peer;
  let wx: ReturnType<typeof client>;
  const clock = fakeClock();

  beforeAll(async () => {
    const { startWechatPeer } = await loadPeer();
    peer = await startWechatPeer({ quiet: true, rateLimitPerMinute: 5, tokenTtlSeconds: 600, now: clock.now });
    wx = client(peer);
  });
  afterAll(() => peer.close());
  beforeEach(async () => {
    await wx.post('/__peer/reset');
  });

  describe('control basics', () => {
    it('answers health, 404 for unknown paths, 405 for wrong methods, and errors on malformed JSON', async () => {
      expect(await wx.get('/__peer/health')).toMatchObject({ status: 200, json: { ok: true } });
      expect(await wx.get('/cgi-bin/nope')).toMatchObject({ status: 404, json: { errcode: -1, errmsg: 'not found' } });
      expect((await wx.get('/cgi-bin/stable_token')).status).toBe(405);

      const wechatBad = await wx.post('/cgi-bin/stable_token', '{"appid": ');
      expect(wechatBad.status).toBe(200);
      expect(wechatBad.json.errcode).toBe(47001);
      const controlBad = await wx.post('/__peer/code', 'not json');
      expect(controlBad.status).toBe(400);
      expect(controlBad.json.errcode).toBe(47001);
      // still alive afterwards
      expect((await wx.get('/__peer/health')).json).toEqual({ ok: true });
    });

    it('rejects bodies over 1 MB with 413 and keeps serving', async () => {
      const big = JSON.stringify({ user: 'x'.repeat(1024 * 1024 + 10) });
      const r = await wx.post('/__peer/code', big);
      expect(r.status).toBe(413);
      expect(r.json.errmsg).toMatch(/too large/);
      expect((await wx.get('/__peer/health')).json).toEqual({ ok: true });
    });

    it('maps a nickname to a stable 28-char openid and mints fresh random openids otherwise', async () => {
      const a1 = await wx.mintCode({ user: 'alice' });
      const a2 = await wx.mintCode({ user: 'alice' });
      const b = await wx.mintCode({ user: 'bob' });
      const r1 = await wx.mintCode();
      const r2 = await wx.mintCode();
      expect(a1.openid).toBe(a2.openid);
      expect(a1.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(b.openid).not.toBe(a1.openid);
      expect(r1.openid).toHaveLength(28);
      expect(r1.openid).not.toBe(r2.openid);
      expect(a1.code).not.toBe(a2.code);
      expect((await wx.mintCode({ openid: 'oExplicit' })).openid).toBe('oExplicit');
      expect((await wx.post('/__peer/code', { user: 'Bad Name!' })).status).toBe(400);
    });
  });

  describe('jscode2session', () => {
    it('exchanges a code exactly once; reuse and unknown codes give 40029', async () => {
      const { code, openid } = await wx.mintCode({ user: 'alice', unionid: 'uAlice' });
      const first = await wx.jscode2session(code);
      expect(first.status).toBe(200);
      expect(first.json.openid).toBe(openid);
      expect(first.json.unionid).toBe('uAlice');
      expect(first.json.session_key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(first.json.errcode).toBeUndefined();

      expect((await wx.jscode2session(code)).json).toEqual({ errcode: 40029, errmsg: 'invalid code' });
      expect((await wx.jscode2session('never-minted')).json.errcode).toBe(40029);
    });

    it('issues a new session_key per login and omits unionid when none was given', async () => {
      const c1 = await wx.mintCode({ user: 'carol' });
      const c2 = await wx.mintCode({ user: 'carol' });
      const s1 = (await wx.jscode2session(c1.code)).json;
      const s2 = (await wx.jscode2session(c2.code)).json;
      expect(s1.openid).toBe(s2.openid);
      expect(s1.session_key).not.toBe(s2.session_key);
      expect('unionid' in s1).toBe(false);
    });

    it('reports missing parameters and a wrong grant_type', async () => {
      const { code } = await wx.mintCode();
      expect((await wx.get(`/sns/jscode2session?secret=s&js_code=${code}&grant_type=authorization_code`)).json.errcode).toBe(41002);
      expect((await wx.get(`/sns/jscode2session?appid=a&js_code=${code}&grant_type=authorization_code`)).json.errcode).toBe(41004);
      expect((await wx.get('/sns/jscode2session?appid=a&secret=s&grant_type=authorization_code')).json.errcode).toBe(41008);
      expect((await wx.get(`/sns/jscode2session?appid=a&secret=s&js_code=${code}&grant_type=password`)).json.errcode).toBe(40002);
      // none of these consumed the code
      expect((await wx.jscode2session(code)).json.openid).toBeDefined();
    });

    it('rate-limits per appid per minute with 45011 and recovers after the window', async () => {
      const codes = await Promise.all(Array.from({ length: 7 }, () => wx.mintCode()));
      for (let i = 0; i < 5; i++) expect((await wx.jscode2session(codes[i].code)).json.openid).toBe(codes[i].openid);

      const limited = await wx.jscode2session(codes[5].code);
      expect(limited.json.errcode).toBe(45011);
      expect(limited.json.errmsg).toMatch(/^api minute-quota reach limit/);
      // another appid has its own quota
      expect((await wx.jscode2session(codes[5].code, 'wx-other')).json.openid).toBe(codes[5].openid);

      clock.advance(61);
      // the limited call did not consume codes[6]; the window has passed
      expect((await wx.jscode2session(codes[6].code)).json.openid).toBe(codes[6].openid);
    });
  });

  describe('stable_token', () => {
    it('returns the same token while valid, with the remaining lifetime', async () => {
      const a = await wx.stableToken();
      expect(a.json.expires_in).toBe(600);
      clock.advance(100);
      const b = await wx.stableToken();
      expect(b.json.access_token).toBe(a.json.access_token);
      expect(b.json.expires_in).toBe(500);
      // a different appid gets its own token
      expect((await wx.stableToken({}, 'wx-other')).json.access_token).not.toBe(a.json.access_token);
    });

    it('force_refresh issues a new token; the previous one works for a 30 s grace only, then 40001', async () => {
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const { openid } = await wx.mintCode({ user: 'dave' });
      await wx.post('/__peer/credits', { openid, templateId: TEMPLATE, count: 3 });
      const msg = { touser: openid, template_id: TEMPLATE, data: dataOf({ thing1: '预约已确认' }) };

      const old = await wx.token();
      const fresh = (await wx.stableToken({ force_refresh: true })).json;
      expect(fresh.access_token).not.toBe(old);
      expect(fresh.expires_in).toBe(600);
      expect(await wx.token()).toBe(fresh.access_token); // the new one is now the stable one

      clock.advance(29);
      expect((await wx.send(old, msg)).json.errcode).toBe(0);
      clock.advance(2);
      expect((await wx.send(old, msg)).json).toEqual({
        errcode: 40001,
        errmsg: 'invalid credential, access_token is invalid or not latest',
      });
      expect((await wx.send(fresh.access_token, msg)).json.errcode).toBe(0);
    });

    it('gives 42001 for an expired token, 40001 for an unknown one, 41001 for none; then issues a new one', async () => {
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const msg = { touser: 'oSomeone', template_id: TEMPLATE, data: dataOf({ thing1: 'x' }) };
      const token = await wx.token();
      clock.advance(600);
      expect((await wx.send(token, msg)).json).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
      expect((await wx.send('made-up-token', msg)).json.errcode).toBe(40001);
      expect((await wx.post('/cgi-bin/message/subscribe/send', msg)).json.errcode).toBe(41001);

      const renewed = await wx.token();
      expect(renewed).not.toBe(token);
    });

    it('validates grant_type and missing credentials', async () => {
      expect((await wx.stableToken({ grant_type: 'authorization_code' })).json.errcode).toBe(40002);
      expect((await wx.post('/cgi-bin/stable_token', { grant_type: 'client_credential', secret: 's' })).json.errcode).toBe(41002);
      expect((await wx.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'a' })).json.errcode).toBe(41004);
      expect((await wx.post('/cgi-bin/stable_token')).json.errcode).toBe(41002);
    });

    it('POST /__peer/time shifts the peer clock over HTTP (for out-of-process tests)', async () => {
      const token = await wx.token();
      await wx.post('/__peer/time', { advanceSeconds: 601 });
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const msg = { touser: 'oSomeone', template_id: TEMPLATE, data: dataOf({ thing1: 'x' }) };
      expect((await wx.send(token, msg)).json.errcode).toBe(42001);
    });
  });

  describe('subscribe/send', () => {
    let token: string;
    let openid: string;
    beforeEach(async () => {
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: FIELDS });
      token = await wx.token();
      openid = (await wx.mintCode({ user: 'erin' })).openid;
    });
    const validMessage = () => ({
      touser: openid,
      template_id: TEMPLATE,
      page: 'subpackages/booking/pages/detail/index?id=1',
      miniprogram_state: 'developer',
      lang: 'zh_CN',
      data: dataOf(VALID),
    });
    const credits = async () =>
      (await wx.get(`/__peer/credits?openid=${openid}&templateId=${TEMPLATE}`)).json.count as number;

    it('refuses with 43101 without a credit; a send consumes exactly one credit', async () => {
      expect((await wx.send(token, validMessage())).json).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });

      expect((await wx.post('/__peer/credits', { openid, templateId: TEMPLATE, count: 2 })).json).toEqual({ count: 2 });
      const sent = await wx.send(token, validMessage());
      expect(sent.json).toMatchObject({ errcode: 0, errmsg: 'ok' });
      expect(typeof sent.json.msgid).toBe('number');
      expect(await credits()).toBe(1);
      expect((await wx.send(token, validMessage())).json.errcode).toBe(0);
      expect(await credits()).toBe(0);
      expect((await wx.send(token, validMessage())).json.errcode).toBe(43101);

      // credits are per (openid, template)
      await wx.post('/__peer/credits', { openid: 'oAnother', templateId: TEMPLATE });
      expect((await wx.send(token, validMessage())).json.errcode).toBe(43101);

      const { messages } = (await wx.get('/__peer/messages')).json;
      expect(messages).toHaveLength(2);
      expect(messages[0]).toMatchObject({ touser: openid, template_id: TEMPLATE, data: dataOf(VALID), page: validMessage().page });
    });

    it('rejects unknown or missing template_id with 40037 and an empty touser with 40003', async () => {
      await wx.post('/__peer/credits', { openid, templateId: 'tpl-unknown' });
      expect((await wx.send(token, { ...validMessage(), template_id: 'tpl-unknown' })).json).toEqual({
        errcode: 40037,
        errmsg: 'invalid template_id',
      });
      const { template_id: _omit, ...withoutTemplate } = validMessage();
      expect((await wx.send(token, withoutTemplate)).json.errcode).toBe(40037);
      expect((await wx.send(token, { ...validMessage(), touser: '' })).json.errcode).toBe(40003);
    });

    it('rejects a missing data key with 47003 naming the key, without spending a credit', async () => {
      await wx.post('/__peer/credits', { openid, templateId: TEMPLATE });
      const { thing1: _omit, ...rest } = VALID;
      const r = await wx.send(token, { ...validMessage(), data: dataOf(rest) });
      expect(r.json).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
      expect(await credits()).toBe(1);
      expect((await wx.send(token, { ...validMessage(), miniprogram_state: 'prod' })).json.errcode).toBe(47003);
    });

    it('accepts the documented value formats of every field type', async () => {
      const accepted: Array<[FieldKey, string]> = [
        ['thing1', 'a'.repeat(20)],
        ['phrase2', '待审核'],
        ['character_string3', 'A'.repeat(32)],
        ['name4', '欧阳'.repeat(5)],
        ['name4', 'Alexander Hamilton'],
        ['amount5', '1234567890.99'],
        ['amount5', '80元'],
        ['number6', '1'.repeat(32)],
        ['date7', '2026-11-27'],
        ['date7', '2026年11月27日 09:30'],
        ['time8', '15:01'],
        ['time8', '2026年11月27日 15:01'],
        ['letter9', 'Ab'],
        ['symbol10', '%-+'],
        ['phone_number11', '13800138000'],
        ['car_number12', '鄂DA1234'],
      ];
      await wx.post('/__peer/credits', { openid, templateId: TEMPLATE, count: accepted.length });
      for (const [key, value] of accepted) {
        const r = await wx.send(token, { ...validMessage(), data: dataOf({ ...VALID, [key]: value }) });
        expect({ key, value, errcode: r.json.errcode }).toEqual({ key, value, errcode: 0 });
      }
    });

    const rejected: Array<[FieldKey, string, string]> = [
      ['thing1', 'a'.repeat(21), 'thing over 20 chars'],
      ['thing1', '   ', 'thing blank'],
      ['phrase2', '已经确认完毕了', 'phrase over 5 chars'],
      ['phrase2', 'OK', 'phrase not Chinese'],
      ['character_string3', 'A'.repeat(33), 'character_string over 32'],
      ['character_string3', 'BK-预约', 'character_string with Chinese'],
      ['name4', '张'.repeat(11), 'Chinese name over 10'],
      ['name4', 'A'.repeat(21), 'letter name over 20'],
      ['name4', 'Agent 007', 'name with digits'],
      ['amount5', '12345678901', 'amount over 10 digits'],
      ['amount5', '12.345', 'amount with 3 decimals'],
      ['amount5', '一百元', 'amount not a number'],
      ['number6', '1'.repeat(33), 'number over 32 digits'],
      ['number6', '3个', 'number with text'],
      ['date7', '27/11/2026', 'date in an unsupported format'],
      ['date7', '2026-13-01', 'date with month 13'],
      ['time8', '25:00', 'time hour 25'],
      ['time8', '下午三点', 'time as words'],
      ['letter9', 'abc1', 'letter with a digit'],
      ['symbol10', '!!!!!!', 'symbol over 5'],
      ['symbol10', 'a', 'symbol that is a letter'],
      ['phone_number11', '1'.repeat(18), 'phone over 17'],
      ['phone_number11', '电话138', 'phone with Chinese'],
      ['car_number12', '鄂D123456789', 'car number over 8'],
      ['car_number12', 'D-12345', 'car number with a symbol'],
    ];
    it.each(rejected)('rejects %s = %j (%s) with 47003 and keeps the credit', async (key, value) => {
      await wx.post('/__peer/credits', { openid, templateId: TEMPLATE });
      const r = await wx.send(token, { ...validMessage(), data: dataOf({ ...VALID, [key]: value }) });
      expect(r.json).toEqual({ errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` });
      expect(await credits()).toBe(1);
    });

    it('refuses to register a template with an unknown field type', async () => {
      const r = await wx.post('/__peer/templates', { id: 'tpl-x', fields: { a1: 'emoji' } });
      expect(r.status).toBe(400);
    });
  });

  describe('人脸核身 (getverifyid / queryverifyinfo)', () => {
    const cert = { cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '310101199801011234' };
    // the documented cert_hash of this cert_info
    const CERT_HASH = '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b';
    const start = async (token: string, outSeqNo: string, openid = 'o-face-user') => {
      const r = await wx.post(`/cityservice/face/identify/getverifyid?access_token=${encodeURIComponent(token)}`, { out_seq_no: outSeqNo, cert_info: cert, openid });
      return r.json;
    };
    const query = (token: string, body: Json) => wx.post(`/cityservice/face/identify/queryverifyinfo?access_token=${encodeURIComponent(token)}`, body);

    it('passes only after the scan reports 10000, for the same openid, serial number and identity', async () => {
      const token = await wx.token();
      const started = await start(token, 'seq-face-1');
      expect([started.errcode, started.expires_in, typeof started.verify_id]).toEqual([0, 3600, 'string']);
      const body = { verify_id: started.verify_id, out_seq_no: 'seq-face-1', cert_hash: CERT_HASH, openid: 'o-face-user' };
      expect((await query(token, body)).json).toMatchObject({ errcode: 0, verify_ret: 90017 });
      expect((await wx.post('/__peer/face', { verifyId: started.verify_id, ret: 10000 })).json).toEqual({ ok: true, ret: 10000 });
      expect((await query(token, body)).json).toMatchObject({ errcode: 0, verify_ret: 10000 });
      // a tampered identity or another user is refused with an errcode, never a verify_ret
      expect((await query(token, { ...body, cert_hash: CERT_HASH.replace(/^3/, '4') })).json).toMatchObject({ errcode: 47003 });
      expect((await query(token, { ...body, openid: 'o-someone-else' })).json).toMatchObject({ errcode: 47003 });
      expect((await query(token, { ...body, verify_id: 'nope' })).json.errcode).toBe(84001);
    });

    it('refuses a reused serial number, a missing token and a bad cert_info', async () => {
      const token = await wx.token();
      expect((await start(token, 'seq-face-2')).errcode).toBe(0);
      expect((await start(token, 'seq-face-2')).errcode).toBe(47003);
      expect((await start('not-a-token', 'seq-face-3')).errcode).toBe(40001);
      const bad = await wx.post(`/cityservice/face/identify/getverifyid?access_token=${encodeURIComponent(token)}`, { out_seq_no: 'seq-face-4', cert_info: { ...cert, cert_type: 'PASSPORT' }, openid: 'o' });
      expect(bad.json.errcode).toBe(47003);
    });
  });

  describe('failure injection', () => {
    it('returns an injected errcode for the next N calls, before any state change', async () => {
      await wx.post('/__peer/fail', { endpoint: 'jscode2session', errcode: 45009, times: 2 });
      const { code, openid } = await wx.mintCode();
      expect((await wx.jscode2session(code)).json).toEqual({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
      expect((await wx.jscode2session(code)).json.errcode).toBe(45009);
      // the code survived the injected failures
      expect((await wx.jscode2session(code)).json.openid).toBe(openid);
    });

    it('injects into subscribe_send without spending a credit, and into stable_token', async () => {
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const token = await wx.token();
      await wx.post('/__peer/credits', { openid: 'oFrank', templateId: TEMPLATE });
      const msg = { touser: 'oFrank', template_id: TEMPLATE, data: dataOf({ thing1: '审核通过' }) };

      await wx.post('/__peer/fail', { endpoint: 'subscribe_send', errcode: -1 });
      expect((await wx.send(token, msg)).json).toEqual({ errcode: -1, errmsg: 'system error' });
      expect((await wx.get('/__peer/credits?openid=oFrank&templateId=' + TEMPLATE)).json.count).toBe(1);
      expect((await wx.send(token, msg)).json.errcode).toBe(0);

      await wx.post('/__peer/fail', { endpoint: 'stable_token', errcode: 40001 });
      expect((await wx.stableToken()).json.errcode).toBe(40001);
      expect((await wx.stableToken()).json.access_token).toBe(token);
    });

    it('answers with an injected HTTP 5xx (non-JSON body) once', async () => {
      await wx.post('/__peer/fail', { endpoint: 'stable_token', httpStatus: 502 });
      const r = await wx.stableToken();
      expect(r.status).toBe(502);
      expect(r.json).toBeUndefined();
      expect((await wx.stableToken()).status).toBe(200);
    });

    it('delays an answer so a client times out, then behaves normally', async () => {
      // margin, not a baseline: the client gives up after 100 ms and the peer answers after 3 s; the 1.5 s bound leaves
      // 1.4 s for a loaded 2-core box and is still half the delay, so only the client's abort can end the call in time
      await wx.post('/__peer/fail', { endpoint: 'stable_token', delayMs: 3000, errcode: -1 });
      const started = Date.now();
      await expect(wx.call('POST', '/cgi-bin/stable_token', {}, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1500);

      await wx.post('/__peer/fail', { endpoint: 'jscode2session', delayMs: 200 });
      const { code, openid } = await wx.mintCode();
      const t0 = Date.now();
      const slow = await wx.jscode2session(code);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
      expect(slow.json.openid).toBe(openid);
      // the abandoned stable_token call is still being answered server-side: wait until the peer has recorded it, so it
      // cannot land in a later test's received log after that test's reset
      for (const until = Date.now() + 10_000; Date.now() < until; ) {
        const { requests } = (await wx.get('/__peer/received')).json;
        if (requests.some((r: Json) => r.endpoint === 'stable_token')) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the delayed stable_token call was never recorded');
    });

    it('loses a reply: the send is handled (message delivered, credit spent) but the connection closes unanswered', async () => {
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const token = await wx.token();
      await wx.post('/__peer/credits', { openid: 'oLost', templateId: TEMPLATE, count: 2 });
      const msg = { touser: 'oLost', template_id: TEMPLATE, data: dataOf({ thing1: '审核通过' }) };
      await wx.post('/__peer/fail', { endpoint: 'subscribe_send', lostReply: true });
      await expect(wx.send(token, msg)).rejects.toThrow();
      expect((await wx.get('/__peer/messages?touser=oLost')).json.messages).toHaveLength(1);
      expect((await wx.get('/__peer/credits?openid=oLost&templateId=' + TEMPLATE)).json.count).toBe(1);
      expect((await wx.get('/__peer/chaos')).json.lostReplies).toEqual({ subscribe_send: 1 });
      // the next call is answered normally
      expect((await wx.send(token, msg)).json.errcode).toBe(0);
    });

    it('random failures: a share of sends answers HTTP 5xx or loses its reply; rates 0 turn it off', async () => {
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const token = await wx.token();
      await wx.post('/__peer/credits', { openid: 'oChaos', templateId: TEMPLATE, count: 100 });
      const msg = { touser: 'oChaos', template_id: TEMPLATE, data: dataOf({ thing1: '审核通过' }) };
      expect((await wx.post('/__peer/chaos', { endpoint: 'subscribe_send', httpStatusRate: 1 })).status).toBe(200);
      expect((await wx.send(token, msg)).status).toBe(503);
      await wx.post('/__peer/chaos', { endpoint: 'subscribe_send', httpStatusRate: 0, lostReplyRate: 0 });
      expect((await wx.send(token, msg)).json.errcode).toBe(0);
      expect((await wx.post('/__peer/chaos', { endpoint: 'subscribe_send', httpStatusRate: 0.7, lostReplyRate: 0.7 })).status).toBe(400);
      expect((await wx.post('/__peer/fail', { endpoint: 'subscribe_send', lostReply: 'yes' })).status).toBe(400);
    });

    it('validates injection requests', async () => {
      expect((await wx.post('/__peer/fail', { endpoint: 'nope', errcode: 1 })).status).toBe(400);
      expect((await wx.post('/__peer/fail', { endpoint: 'stable_token' })).status).toBe(400);
    });
  });

  describe('received log and reset', () => {
    it('records every WeChat call with query, body and response, newest last', async () => {
      const { code } = await wx.mintCode({ user: 'gina' });
      const session = (await wx.jscode2session(code)).json;
      await wx.stableToken({ force_refresh: false });

      const { requests } = (await wx.get('/__peer/received')).json;
      expect(requests.map((r: Json) => r.endpoint)).toEqual(['jscode2session', 'stable_token']);
      expect(requests[0]).toMatchObject({
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: 'wx-dev', js_code: code, grant_type: 'authorization_code' },
        response: { status: 200, body: { openid: session.openid, session_key: session.session_key } },
      });
      expect(new Date(requests[0].at).toString()).not.toBe('Invalid Date');
      expect(requests[1].body).toEqual({ grant_type: 'client_credential', appid: 'wx-dev', secret: 'dev-secret', force_refresh: false });

      const filtered = (await wx.get('/__peer/received?endpoint=stable_token')).json.requests;
      expect(filtered).toHaveLength(1);
    });

    it('reset clears codes, tokens, credits, templates, injections and logs', async () => {
      const { code } = await wx.mintCode();
      const token = await wx.token();
      await wx.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      await wx.post('/__peer/credits', { openid: 'oHank', templateId: TEMPLATE, count: 4 });
      await wx.post('/__peer/fail', { endpoint: 'jscode2session', errcode: -1, times: 5 });

      expect((await wx.post('/__peer/reset')).json).toEqual({ ok: true });

      expect((await wx.get('/__peer/received')).json.requests).toEqual([]);
      expect((await wx.get('/__peer/messages')).json.messages).toEqual([]);
      expect((await wx.get(`/__peer/credits?openid=oHank&templateId=${TEMPLATE}`)).json.count).toBe(0);
      expect((await wx.jscode2session(code)).json.errcode).toBe(40029); // no injection left, code gone
      const msg = { touser: 'oHank', template_id: TEMPLATE, data: dataOf({ thing1: 'x' }) };
      expect((await wx.send(token, msg)).json.errcode).toBe(40001);
      const fresh = await wx.token();
      expect((await wx.send(fresh, msg)).json.errcode).toBe(40037);
    });
  });

  describe('wxacode.getUnlimited (/wxa/getwxacodeunlimit)', () => {
    const PNG_SIGNATURE = '89504e470d0a1a0a';
    const code = async (token: string, body: unknown) => {
      const res = await fetch(`${peer.url}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type') ?? '', bytes, json: () => JSON.parse(bytes.toString('utf8')) as Json };
    };
    const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

    it('answers a PNG of the asked width (default 430, kept within 280–1280) and logs what it drew', async () => {
      const token = await wx.token();
      const a = await code(token, { scene: 'board=issued', page: 'pages/index/index', width: 600 });
      expect(a.status).toBe(200);
      expect(a.type).toBe('image/png');
      expect(a.bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
      expect(pngSize(a.bytes)).toEqual({ width: 600, height: 600 });
      expect(pngSize((await code(token, { scene: 'a' })).bytes)).toEqual({ width: 430, height: 430 });
      expect(pngSize((await code(token, { scene: 'a', width: 90 })).bytes).width).toBe(280);
      // different scenes draw different codes
      expect((await code(token, { scene: 'b', width: 600, page: 'pages/index/index' })).bytes.equals(a.bytes)).toBe(false);
      const log = (await wx.get('/__peer/wxacodes')).json.codes as Json[];
      expect(log.map((c) => c.scene)).toEqual(['board=issued', 'a', 'a', 'b']);
      expect(log[0]).toMatchObject({ page: 'pages/index/index', width: 600, envVersion: 'release' });
    });

    it('answers JSON errcodes like WeChat: token, scene, page and arguments', async () => {
      expect((await code('nope', { scene: 'a' })).json().errcode).toBe(40001);
      expect((await code('', { scene: 'a' })).json().errcode).toBe(41001);
      const token = await wx.token();
      const refused = async (body: unknown) => {
        const r = await code(token, body);
        expect(r.status).toBe(200);
        expect(r.type).toMatch(/^application\/json/);
        return r.json().errcode as number;
      };
      await expect(refused({ scene: 'x'.repeat(33) })).resolves.toBe(40169);
      await expect(refused({})).resolves.toBe(40169);
      await expect(refused({ scene: '中文' })).resolves.toBe(40129);
      await expect(refused({ scene: 'a%20b' })).resolves.toBe(40129);
      await expect(refused({ scene: 'a', page: '/pages/index/index' })).resolves.toBe(41030);
      await expect(refused({ scene: 'a', page: 'pages/index/index?x=1' })).resolves.toBe(41030);
      await expect(refused({ scene: 'a', env_version: 'beta' })).resolves.toBe(40097);
      await expect(refused({ scene: 'a', width: 'wide' })).resolves.toBe(40097);
      expect((await wx.get('/__peer/wxacodes')).json.codes).toEqual([]);
    });

    it('takes injected errcodes like the other endpoints', async () => {
      const token = await wx.token();
      expect((await wx.post('/__peer/fail', { endpoint: 'getwxacodeunlimit', errcode: 45009 })).status).toBe(200);
      expect((await code(token, { scene: 'a' })).json().errcode).toBe(45009);
      expect((await code(token, { scene: 'a' })).type).toBe('image/png');
    });
  });
});

describe('local WeChat peer with a configured app', () => {
  let peer: Peer;
  let wx: ReturnType<typeof client>;
  beforeAll(async () => {
    const { startWechatPeer } = await loadPeer();
    peer = await startWechatPeer({ quiet: true, appId: 'wx1234567890abcdef', appSecret: 'the-secret' });
    wx = client(peer);
  });
  afterAll(() => peer.close());

  it('rejects a wrong appid with 40013 and a wrong secret with 40125', async () => {
    const { code, openid } = await wx.mintCode();
    expect((await wx.jscode2session(code, 'wx-wrong', 'the-secret')).json).toEqual({ errcode: 40013, errmsg: 'invalid appid' });
    expect((await wx.jscode2session(code, 'wx1234567890abcdef', 'wrong')).json).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' });
    expect((await wx.jscode2session(code, 'wx1234567890abcdef', 'the-secret')).json.openid).toBe(openid);

    expect((await wx.stableToken({}, 'wx-wrong', 'the-secret')).json.errcode).toBe(40013);
    expect((await wx.stableToken({}, 'wx1234567890abcdef', 'wrong')).json.errcode).toBe(40125);
    expect((await wx.stableToken({}, 'wx1234567890abcdef', 'the-secret')).json.expires_in).toBe(7200);
  });

  it('getwxacodeunlimit with check_path accepts only published pages (41030 otherwise); check_path false accepts any', async () => {
    const { startWechatPeer } = await loadPeer();
    const published = await startWechatPeer({ quiet: true, publishedPages: ['pages/index/index'] });
    try {
      const token = (await client(published).token()) as string;
      const code = async (body: Json) => {
        const res = await fetch(`${published.url}/wxa/getwxacodeunlimit?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) });
        return { type: res.headers.get('content-type') ?? '', text: Buffer.from(await res.arrayBuffer()) };
      };
      expect((await code({ scene: 'a', page: 'pages/index/index' })).type).toBe('image/png');
      const refused = await code({ scene: 'a', page: 'subpackages/new/index' });
      expect(JSON.parse(refused.text.toString('utf8'))).toEqual({ errcode: 41030, errmsg: 'invalid page' });
      expect((await code({ scene: 'a', page: 'subpackages/new/index', check_path: false })).type).toBe('image/png');
    } finally {
      await published.close();
    }
  });

  it('expires real tokens by wall clock (tokenTtlSeconds) with 42001', async () => {
    const { startWechatPeer } = await loadPeer();
    const shortLived = await startWechatPeer({ quiet: true, tokenTtlSeconds: 0.3 });
    try {
      const c = client(shortLived);
      await c.post('/__peer/templates', { id: TEMPLATE, fields: { thing1: 'thing' } });
      const token = await c.token();
      await new Promise((r) => setTimeout(r, 400));
      const msg = { touser: 'oIvy', template_id: TEMPLATE, data: dataOf({ thing1: 'x' }) };
      expect((await c.send(token, msg)).json.errcode).toBe(42001);
    } finally {
      await shortLived.close();
    }
  });

  it('close() ends a call hanging in an injected delay', async () => {
    const { startWechatPeer } = await loadPeer();
    const other = await startWechatPeer({ quiet: true });
    const c = client(other);
    await c.post('/__peer/fail', { endpoint: 'stable_token', delayMs: 60_000 });
    const pending = c.stableToken().then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    expect(await pending).toBe('dropped');
  });
});

describe('wechat-peer CLI', () => {
  const children: Array<ReturnType<typeof spawn>> = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  async function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
    const child = spawn(process.execPath, ['scripts/wechat-peer/cli.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, WECHAT_PEER_PORT: '', WECHAT_APP_ID: '', WECHAT_APP_SECRET: '', ...env },
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
    return { child, line };
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('prints its listening line, serves, and exits 0 on %s', async (signal) => {
    const { child, line } = await startCli(['--port', '0', '--quiet']);
    const m = /^wechat-peer listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(m).not.toBeNull();
    const health = await fetch(`${m![1]}/__peer/health`);
    expect(await health.json()).toEqual({ ok: true });

    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('takes appid/secret from the environment', async () => {
    const { line } = await startCli(['--port', '0', '--quiet'], { WECHAT_APP_ID: 'wxEnv', WECHAT_APP_SECRET: 'envSecret' });
    const url = line.split(' ').pop()!;
    const res = await fetch(`${url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: 'wxEnv', secret: 'nope' }),
    });
    expect((await res.json()).errcode).toBe(40125);
  });
});

import { describe, expect, it } from '@jest/globals';
import { SECRET_KEYS, scrub, scrubString } from './log-scrub';

const ID = '42100319400315001X';
const ID_LOWER = '42100319400315001x';
const ID_DIGITS = '421003200001010011';
const PHONE = '13812345678';

describe('scrubString', () => {
  it('masks ID numbers ending in X, x or a digit inside text, keeping only the first 6 and last 2', () => {
    const out = scrubString(`申请人${ID}，家属 ${ID_LOWER}; other=${ID_DIGITS}.`);
    expect(out).toBe('申请人421003**********1X，家属 421003**********1X; other=421003**********11.');
    for (const secret of ['19400315', '20000101']) expect(out).not.toContain(secret);
  });

  it('masks mobile numbers inside text', () => {
    const out = scrubString(`联系电话${PHONE}或+86 15900001111。`);
    expect(out).toBe('联系电话138****5678或+86 159****1111。');
  });

  it("masks the values of access_token, js_code, secret, session_key and token in URLs", () => {
    const url =
      'https://api.weixin.qq.com/sns/jscode2session?appid=wx123&secret=S3cr3tValue&js_code=CODE123abc&grant_type=authorization_code';
    const out = scrubString(url);
    expect(out).not.toContain('S3cr3tValue');
    expect(out).not.toContain('CODE123abc');
    expect(out).toContain('appid=wx123');
    expect(out).toContain('grant_type=authorization_code');
    const out2 = scrubString('/cgi-bin/message/subscribe/send?access_token=AT-987_zyx&x=1 and ?session_key=SK%2Babc&token=TOK');
    for (const leaked of ['AT-987_zyx', 'SK%2Babc', 'TOK']) expect(out2).not.toContain(leaked);
    expect(out2).toContain('x=1');
  });

  it('does not mask an unrelated 12-digit region code, a short number or a 19-digit run', () => {
    expect(scrubString('community 421003003003 street 421003003')).toBe('community 421003003003 street 421003003');
    expect(scrubString('order 4210031940031500112')).toBe('order 4210031940031500112');
    expect(scrubString('status 200 in 12 ms')).toBe('status 200 in 12 ms');
  });
});

describe('scrub', () => {
  it('replaces the values of secret keys, whatever case they are written in', () => {
    const out = scrub({
      password: 'pw', token: 't', refreshToken: 'r', session_key: 'sk', openid: 'o', unionId: 'u',
      idNumber: ID, id_number: ID, Authorization: 'Bearer abc', appSecret: 's', js_code: 'c', cookie: 'c=1',
      username: 'meicun', status: 200,
    }) as Record<string, unknown>;
    for (const k of ['password', 'token', 'refreshToken', 'session_key', 'openid', 'unionId', 'idNumber', 'id_number', 'Authorization', 'appSecret', 'js_code', 'cookie']) {
      expect(out[k]).toBe('***');
    }
    expect(out.username).toBe('meicun');
    expect(out.status).toBe(200);
  });

  it('covers the keys the product treats as secret', () => {
    for (const k of ['password', 'token', 'session_key', 'openid', 'idnumber', 'authorization', 'secret', 'access_token']) expect(SECRET_KEYS.has(k)).toBe(true);
  });

  it('scrubs nested objects and arrays', () => {
    const out = scrub({ req: { headers: { authorization: 'Bearer xyz' }, body: [{ name: '王', idNumber: ID }, { note: `tel ${PHONE}` }] } });
    expect(out).toEqual({ req: { headers: { authorization: '***' }, body: [{ name: '王', idNumber: '***' }, { note: 'tel 138****5678' }] } });
  });

  it('masks secret keys at any depth', () => {
    for (const depth of [1, 3, 6, 7, 8, 12]) {
      let value: Record<string, unknown> = { password: 'deep-secret', note: `id ${ID}` };
      for (let i = 0; i < depth; i++) value = { level: value };
      const text = JSON.stringify(scrub(value));
      expect(text).not.toContain('deep-secret');
      expect(text).not.toContain(ID);
    }
  });

  it('masks secrets inside arrays nested in arrays', () => {
    const text = JSON.stringify(scrub([[[{ token: 'tok-123' }]], [`${ID}`]]));
    expect(text).not.toContain('tok-123');
    expect(text).not.toContain('19400315');
  });

  it('turns an Error into a plain object with masked message and stack', () => {
    const err = new TypeError(`lookup failed for ${ID} (tel ${PHONE})`);
    const out = scrub(err) as { type: string; message: string; stack?: string };
    expect(out).not.toBeInstanceOf(Error);
    expect(out.type).toBe('TypeError');
    expect(out.message).toBe('lookup failed for 421003**********1X (tel 138****5678)');
    expect(out.stack).toBeDefined();
    expect(JSON.stringify(out)).not.toContain('19400315');
    expect(JSON.stringify(out)).not.toContain(PHONE);
  });

  it('leaves numbers, booleans and null alone and scrubs plain strings', () => {
    expect(scrub(421003003003)).toBe(421003003003);
    expect(scrub(true)).toBe(true);
    expect(scrub(null)).toBeNull();
    expect(scrub(`x ${ID}`)).toBe('x 421003**********1X');
  });
});

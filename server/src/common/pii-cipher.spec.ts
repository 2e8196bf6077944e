import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadConfig } from '../config';
import { PiiCipher } from './pii-cipher';

const key = () => randomBytes(32).toString('base64');
const K1 = key();
const K2 = key();
const H1 = key();
const H2 = key();

const cipherWith = (env: Record<string, string>) => new PiiCipher(loadConfig({ NODE_ENV: 'test', PII_KEY: K1, PII_HMAC_KEY: H1, ...env }));
const ID = '42100319400315001X';

describe('PiiCipher', () => {
  it('round-trips any text, including Chinese and emoji', () => {
    const c = cipherWith({});
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => expect(c.decrypt(c.encrypt(s))).toBe(s)), { numRuns: 200 });
    expect(c.decrypt(c.encrypt(ID))).toBe(ID);
    expect(c.decrypt(c.encrypt(''))).toBe('');
  });

  it('produces a different ciphertext each time (random IV) that never contains the plaintext', () => {
    const c = cipherWith({});
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const ct = c.encrypt(ID);
      expect(ct).not.toContain(ID);
      expect(ct).not.toContain('19400315');
      expect(Buffer.from(ct.slice(ct.indexOf('.') + 1), 'base64').toString('latin1')).not.toContain('19400315');
      expect(ct.startsWith('k1.')).toBe(true);
      seen.add(ct);
    }
    expect(seen.size).toBe(50);
  });

  it('refuses to decrypt when any single byte of IV, tag or ciphertext is changed', () => {
    const c = cipherWith({});
    const ct = c.encrypt(ID);
    const raw = Buffer.from(ct.slice(3), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const tampered = Buffer.from(raw);
      tampered[i] ^= 0x01;
      expect(() => c.decrypt('k1.' + tampered.toString('base64'))).toThrow();
    }
    // truncated ciphertext too
    expect(() => c.decrypt('k1.' + raw.subarray(0, raw.length - 1).toString('base64'))).toThrow();
  });

  it('refuses an unknown key id, a missing key id and a value encrypted under another key', () => {
    const c = cipherWith({});
    const ct = c.encrypt(ID);
    expect(() => c.decrypt('k9' + ct.slice(2))).toThrow(/unknown PII key id/);
    expect(() => c.decrypt(ct.slice(3))).toThrow();
    expect(() => c.decrypt('.' + ct.slice(3))).toThrow();
    const other = cipherWith({ PII_KEY: K2 });
    expect(() => other.decrypt(ct)).toThrow();
  });

  it('still decrypts values stored under an old key after rotation, and encrypts new values with the new key', () => {
    const before = cipherWith({});
    const old = before.encrypt(ID);
    const after = cipherWith({ PII_KEY: K2, PII_KEY_ID: 'k2', PII_OLD_KEYS: `k1:${K1}` });
    expect(after.decrypt(old)).toBe(ID);
    const fresh = after.encrypt(ID);
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(after.decrypt(fresh)).toBe(ID);
    // the new key really is different: the pre-rotation cipher cannot read the new value
    expect(() => before.decrypt(fresh)).toThrow();
    // once the old key is dropped, old values no longer decrypt
    const dropped = cipherWith({ PII_KEY: K2, PII_KEY_ID: 'k2' });
    expect(() => dropped.decrypt(old)).toThrow(/unknown PII key id/);
  });

  it('computes a deterministic, keyed blind index that does not contain the plaintext', () => {
    const a = cipherWith({});
    const b = cipherWith({});
    const otherKey = cipherWith({ PII_HMAC_KEY: H2 });
    const idx = a.blindIndex('id_number', ID);
    expect(idx).toMatch(/^[0-9a-f]{64}$/);
    expect(b.blindIndex('id_number', ID)).toBe(idx);
    expect(otherKey.blindIndex('id_number', ID)).not.toBe(idx);
    expect(a.blindIndex('phone', ID)).not.toBe(idx);
    expect(a.blindIndex('id_number', '421003200001010011')).not.toBe(idx);
    expect(idx).not.toContain('19400315');
    expect(idx).not.toContain(ID.toLowerCase());
  });

  it('keeps the blind index independent of the encryption key, so rotation does not break lookups', () => {
    const before = cipherWith({});
    const after = cipherWith({ PII_KEY: K2, PII_KEY_ID: 'k2', PII_OLD_KEYS: `k1:${K1}` });
    expect(after.blindIndex('id_number', ID)).toBe(before.blindIndex('id_number', ID));
  });

  it('rotates the blind index: new rows use the new key version, lookups match under the new key first and then each old one', () => {
    const before = cipherWith({});
    const during = cipherWith({ PII_HMAC_KEY: H2, PII_HMAC_KEY_VERSION: '2', PII_HMAC_OLD_KEYS: `1:${H1}` });
    const after = cipherWith({ PII_HMAC_KEY: H2, PII_HMAC_KEY_VERSION: '2' });
    expect([before.blindIndexVersion, during.blindIndexVersion]).toEqual([1, 2]);
    expect(during.blindIndex('id_number', ID)).not.toBe(before.blindIndex('id_number', ID));
    expect(during.blindIndexes('id_number', ID)).toEqual([after.blindIndex('id_number', ID), before.blindIndex('id_number', ID)]);
    expect(during.previousBlindIndexVersions).toEqual([1]);
    // negative control: with the old key removed, an index made under it is no longer among the lookups
    expect(after.blindIndexes('id_number', ID)).not.toContain(before.blindIndex('id_number', ID));
    expect(after.previousBlindIndexVersions).toEqual([]);
  });

  it('refuses an old blind-index key listed under the current version or with a malformed version or key', () => {
    expect(() => cipherWith({ PII_HMAC_KEY_VERSION: '2', PII_HMAC_OLD_KEYS: `2:${H2}` })).toThrow(/PII_HMAC_OLD_KEYS/);
    expect(() => cipherWith({ PII_HMAC_KEY_VERSION: '2', PII_HMAC_OLD_KEYS: `v1:${H2}` })).toThrow(/PII_HMAC_OLD_KEYS/);
    expect(() => cipherWith({ PII_HMAC_KEY_VERSION: '2', PII_HMAC_OLD_KEYS: '1:short' })).toThrow(/PII_HMAC_OLD_KEYS/);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { FingerprintSet } from './fingerprint-set';

const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex');

describe(FingerprintSet.name, () => {
  it('reports exactly the repeats among 200,000 digests, across growth', () => {
    const set = new FingerprintSet();
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (set.addHex(hex(i))) repeats++;
    expect(repeats).toBe(0);
    expect(set.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 1000) expect(set.addHex(hex(i))).toBe(true);
    expect(set.size).toBe(200_000);
  });
});

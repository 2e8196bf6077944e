import { describe, expect, it } from '@jest/globals';
import * as argon2 from 'argon2';
import { dummyPasswordHash, hashPassword } from './password-hash';

// "$argon2id$v=19$m=1024,t=1,p=4$salt$hash" → "argon2id m=1024,t=1,p=4"
const costOf = (h: string) => {
  const [, type, , params] = h.split('$');
  return `${type} ${params.split(',').sort().join(',')}`;
};

describe('password hashing', () => {
  for (const env of ['test', 'production'] as const) {
    it(`an unknown username's check costs what a real password's does (${env})`, async () => {
      const real = await hashPassword({ env }, 'correct horse');
      const dummy = await dummyPasswordHash({ env });
      expect(costOf(dummy)).toBe(costOf(real));
      expect(dummy).not.toBe(real);
      // and nobody's password opens it
      expect(await argon2.verify(dummy, 'correct horse')).toBe(false);
    });
  }

  it('tests hash cheaply and production at argon2id’s default cost', async () => {
    expect(costOf(await hashPassword({ env: 'test' }, 'x'))).toBe('argon2id m=1024,p=4,t=1');
    expect(costOf(await hashPassword({ env: 'production' }, 'x'))).toBe('argon2id m=65536,p=4,t=3');
  });
});

import { describe, expect, it } from '@jest/globals';
import { devUserFromUrl } from '../src/services/dev-user';

describe('devUserFromUrl', () => {
  it('reads ?devUser= before the hash and inside the hash route', () => {
    expect(devUserFromUrl('http://localhost:3000/?devUser=alice#/pages/me/index')).toBe('alice');
    expect(devUserFromUrl('http://localhost:3000/#/pages/me/index?devUser=bob_2')).toBe('bob_2');
    expect(devUserFromUrl('http://localhost:3000/?x=1&devUser=carol')).toBe('carol');
  });
  it('ignores missing or malformed names (the server pattern is [a-z0-9_-]{1,32})', () => {
    expect(devUserFromUrl('http://localhost:3000/#/pages/me/index')).toBeUndefined();
    expect(devUserFromUrl('http://localhost:3000/?devUser=Alice')).toBeUndefined();
    expect(devUserFromUrl('http://localhost:3000/?devUser=')).toBeUndefined();
    expect(devUserFromUrl('http://localhost:3000/?devUser=' + 'a'.repeat(33))).toBeUndefined();
  });
});

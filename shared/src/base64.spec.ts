import { describe, expect, it } from '@jest/globals';
import { isBase64 } from './base64';
import { registryImportUploadInput } from './civil-affairs/civil-affairs.schema';
import { ledgerFileInput } from './allowance/ledger.schema';

describe('isBase64', () => {
  it('takes standard base64 with up to two = at the end', () => {
    for (const s of ['QUJD', 'QUI=', 'QQ==', '6Lqr5Lu96K+B5Y+3', 'a/b+']) expect([s, isBase64(s)]).toEqual([s, true]);
  });
  it('refuses anything else', () => {
    for (const s of ['', '=', '==', 'QQ===', 'QU=D', 'QUJD\n', 'QU JD', 'QUJD-_', '名单']) expect([s, isBase64(s)]).toEqual([s, false]);
  });
  it('checks a string of 14 million characters without a stack overflow, and the upload schemas refuse it by size', () => {
    const huge = 'QUJD'.repeat(3_500_001);
    expect(isBase64(huge)).toBe(true);
    for (const schema of [registryImportUploadInput, ledgerFileInput]) {
      const r = schema.safeParse({ kind: 'roster', fileName: 'a.csv', base64: huge });
      expect(r.success).toBe(false);
      expect(r.error?.issues.some((i) => i.path[0] === 'base64' && i.code === 'too_big')).toBe(true);
    }
  });
});

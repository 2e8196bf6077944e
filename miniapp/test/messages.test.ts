import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jianban/shared';
import { ERROR_MESSAGES, CLIENT_ERROR_MESSAGES, messageFor, messageForCode } from '../src/features/errors/messages';
import { ApiError } from '../src/services/api-error';

const HAN = /[\u4e00-\u9fff]/;

describe('error message table', () => {
  it('has a plain Chinese message for every ErrorCode in the shared contract, and nothing else', () => {
    const codes = Object.values(ErrorCode).sort();
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(codes);
    for (const code of codes) {
      const msg = ERROR_MESSAGES[code];
      expect(msg.length).toBeGreaterThan(3);
      expect(msg).toMatch(HAN);
      // no English jargon or raw codes shown to people
      expect(msg).not.toMatch(/[A-Z]{3,}|_|error|token|http/i);
    }
  });

  it('has messages for the client-side codes', () => {
    for (const msg of Object.values(CLIENT_ERROR_MESSAGES)) expect(msg).toMatch(HAN);
  });

  it('looks up by code or ApiError and falls back for unknown codes', () => {
    expect(messageForCode('FAMILY_MEMBER_LIMIT')).toContain('5');
    expect(messageFor(new ApiError('DEV_LOGIN_DISABLED', 403))).toContain('工作人员登录');
    expect(messageFor(new ApiError('NETWORK_ERROR', 0))).toContain('网络');
    expect(messageForCode('NO_SUCH_CODE')).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
    expect(messageForCode('toString')).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
    expect(messageFor(new Error('boom'))).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
  });
});

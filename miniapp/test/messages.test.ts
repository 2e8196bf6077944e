import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jianban/shared';
import { BIND_WECHAT_MESSAGES, ERROR_MESSAGES, CLIENT_ERROR_MESSAGES, messageFor, messageForCode } from '../src/features/errors/messages';
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
    expect(messageForCode('FAMILY_MEMBER_LIMIT')).toBe('最多代办5位家人，可以先移除一位');
    expect(messageFor(new ApiError('DEV_LOGIN_DISABLED', 403))).toContain('工作人员登录');
    expect(messageFor(new ApiError('NETWORK_ERROR', 0))).toContain('网络');
    expect(messageForCode('NO_SUCH_CODE')).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
    expect(messageForCode('toString')).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
    expect(messageFor(new Error('boom'))).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
  });

  it('uses an action’s own wording where the general message would be vague (绑定本人微信)', () => {
    expect(messageFor(new ApiError('CONFLICT', 409), BIND_WECHAT_MESSAGES)).toBe('这个微信已经绑定了别的工作人员账号');
    expect(messageFor(new ApiError('CONFLICT', 409))).toBe(ERROR_MESSAGES.CONFLICT);
    // other codes fall back to the table
    expect(messageFor(new ApiError('WECHAT_UNAVAILABLE', 0), BIND_WECHAT_MESSAGES)).toBe(ERROR_MESSAGES.WECHAT_UNAVAILABLE);
    expect(messageForCode('toString', BIND_WECHAT_MESSAGES)).toBe(ERROR_MESSAGES.INTERNAL_ERROR);
    for (const [code, msg] of Object.entries(BIND_WECHAT_MESSAGES)) {
      expect(Object.keys(ERROR_MESSAGES)).toContain(code);
      expect(msg).toMatch(HAN);
    }
  });
});

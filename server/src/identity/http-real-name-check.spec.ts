import { describe, expect, it } from '@jest/globals';
import { certHash } from './http-real-name-check';

describe('certHash', () => {
  it("matches WeChat's documented example for queryVerifyInfo", () => {
    // cert_info {"cert_type":"IDENTITY_CARD","cert_name":"张三","cert_no":"310101199801011234"} from the 人脸核身 docs
    expect(certHash('张三', '310101199801011234')).toBe('3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b');
  });

  it('changes with the name or the ID number (a tampered identity does not match the session)', () => {
    expect(certHash('张四', '310101199801011234')).not.toBe(certHash('张三', '310101199801011234'));
    expect(certHash('张三', '310101199801011235')).not.toBe(certHash('张三', '310101199801011234'));
  });
});

import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../common/config';
import { requestJson } from '../common/http-json';
import { PINO } from '../common/logger';
import { AccessTokenService } from '../notifications/access-token.service';
import { RealNameCheck, type RealNameOutcome, type RealNameStart, type RealNameSubject } from './real-name-check.port';

const PASSED = 10000;
const STALE_TOKEN = new Set([40001, 42001]);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

// cert_hash as WeChat documents it: sha256 (lower-case hex) of cert_type=…&cert_name=…&cert_no=… with each value in
// standard base64
export function certHash(name: string, idNumber: string): string {
  return createHash('sha256').update(`cert_type=${b64('IDENTITY_CARD')}&cert_name=${b64(name)}&cert_no=${b64(idNumber)}`).digest('hex');
}

// real HTTP client for WeChat 人脸核身 (getverifyid / queryverifyinfo); base URL from config (the local peer in dev/test)
@Injectable()
export class HttpRealNameCheck extends RealNameCheck {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: AccessTokenService,
    @Inject(PINO) private readonly log: Logger,
  ) {
    super();
  }

  async start(s: RealNameSubject): Promise<RealNameStart> {
    const body = { out_seq_no: s.outSeqNo, cert_info: { cert_type: 'IDENTITY_CARD', cert_name: s.name, cert_no: s.idNumber }, openid: s.openId };
    const r = await this.post('/cityservice/face/identify/getverifyid', body);
    if ('failed' in r) return { kind: 'unavailable', reason: r.failed };
    const { errcode, verify_id: verifyId, expires_in: expiresIn } = r.json;
    if (errcode === 0 && typeof verifyId === 'string') return { kind: 'started', verifyId, expiresInSeconds: typeof expiresIn === 'number' ? expiresIn : 3600 };
    this.log.warn({ errcode }, 'wechat getverifyid refused');
    return { kind: 'refused', errcode: typeof errcode === 'number' ? errcode : -1 };
  }

  async outcome(s: RealNameSubject, verifyId: string): Promise<RealNameOutcome> {
    const body = { verify_id: verifyId, out_seq_no: s.outSeqNo, cert_hash: certHash(s.name, s.idNumber), openid: s.openId };
    const r = await this.post('/cityservice/face/identify/queryverifyinfo', body);
    if ('failed' in r) return { kind: 'unavailable', reason: r.failed };
    const { errcode, verify_ret: ret } = r.json;
    // passed only when WeChat says errcode 0 and verify_ret 10000
    if (errcode === 0 && ret === PASSED) return { kind: 'passed' };
    if (errcode === -1) return { kind: 'unavailable', reason: 'wechat system error' };
    return { kind: 'not-passed', code: errcode === 0 && typeof ret === 'number' ? ret : typeof errcode === 'number' ? errcode : -1 };
  }

  // one POST with the shared access token; a token WeChat calls stale is replaced once
  private async post(path: string, body: unknown): Promise<{ json: Record<string, unknown> } | { failed: string }> {
    const { apiBase, timeoutMs } = this.config.wechat;
    let token: string;
    try {
      token = await this.tokens.current();
    } catch (err) {
      return { failed: `no access token: ${(err as Error).message}` };
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await requestJson(`${apiBase}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', body, timeoutMs });
      if ('failed' in r) return { failed: r.failed };
      if (r.status !== 200 || !r.json) return { failed: `http ${r.status}` };
      if (attempt === 0 && typeof r.json.errcode === 'number' && STALE_TOKEN.has(r.json.errcode)) {
        try {
          token = await this.tokens.replace(token);
        } catch (err) {
          return { failed: `no access token: ${(err as Error).message}` };
        }
        continue;
      }
      return { json: r.json };
    }
    return { failed: 'access token refused twice' };
  }
}

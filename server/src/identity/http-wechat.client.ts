import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../common/config';
import { requestJson } from '../common/http-json';
import { PINO } from '../common/logger';
import { CodeExchange, WechatAuthPort } from './wechat-auth.port';

interface Code2SessionReply {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

// real HTTP client for the WeChat server API; base URL from config (the local peer in dev/test, WeChat in production)
@Injectable()
export class HttpWechatClient extends WechatAuthPort {
  constructor(
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {
    super();
  }

  async exchangeCode(code: string): Promise<CodeExchange> {
    const { apiBase, appId, appSecret } = this.config.wechat;
    const qs = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
    const reply = await this.request<Code2SessionReply>(`${apiBase}/sns/jscode2session?${qs}`, 'GET');
    if ('failed' in reply) return { kind: 'unavailable', reason: reply.failed };
    if (reply.errcode === 40029 || reply.errcode === 40163) return { kind: 'invalid-code' };
    if (reply.errcode === 45011) return { kind: 'rate-limited' };
    if (reply.errcode || !reply.openid) {
      this.log.warn({ errcode: reply.errcode }, 'wechat jscode2session refused');
      return { kind: 'unavailable', reason: `errcode ${reply.errcode ?? 'none'}` };
    }
    // session_key is deliberately dropped here: nothing in the product needs it and it never leaves the server
    return { kind: 'ok', openId: reply.openid, unionId: reply.unionid };
  }

  // one request through the shared JSON client: non-2xx, a non-JSON body, a timeout or a network error are all "failed"
  private async request<T>(url: string, method: 'GET'): Promise<T | { failed: string }> {
    const r = await requestJson(url, { method, timeoutMs: this.config.wechat.timeoutMs });
    if ('failed' in r) {
      this.log.warn({ reason: r.failed }, 'wechat request failed');
      return { failed: r.failed };
    }
    if (r.status < 200 || r.status >= 300) return { failed: `http ${r.status}` };
    if (!r.json) return { failed: 'bad reply' };
    return r.json as T;
  }
}

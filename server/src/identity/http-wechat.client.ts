import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../config';
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
    const reply = await this.getJson<Code2SessionReply>(`${apiBase}/sns/jscode2session?${qs}`);
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

  async mintDevCode(user?: string): Promise<string | null> {
    const res = await this.postJson<{ code?: string }>(`${this.config.wechat.apiBase}/__peer/code`, user ? { user } : {});
    return 'failed' in res ? null : (res.code ?? null);
  }

  private async getJson<T>(url: string): Promise<T | { failed: string }> {
    return this.request<T>(url, { method: 'GET' });
  }

  private async postJson<T>(url: string, body: unknown): Promise<T | { failed: string }> {
    return this.request<T>(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  private async request<T>(url: string, init: RequestInit): Promise<T | { failed: string }> {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.wechat.timeoutMs) });
      if (!res.ok) return { failed: `http ${res.status}` };
      return (await res.json()) as T;
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      this.log.warn({ reason }, 'wechat request failed');
      return { failed: reason };
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestJson, type HttpJsonResult } from '../common/http-json';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';
import { StableTokenReply, SubscribeMessage, WechatMessagePort, WechatReply } from './wechat-message.port';

// real HTTP client for subscribeMessage.send and stable_token; base URL from config (the local peer in dev/test)
@Injectable()
export class HttpWechatMessageClient extends WechatMessagePort {
  constructor(
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {
    super();
  }

  async sendSubscribeMessage(accessToken: string, m: SubscribeMessage): Promise<WechatReply> {
    const url = `${this.config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`;
    const body = { touser: m.touser, template_id: m.templateId, page: m.page, data: m.data, miniprogram_state: m.miniprogramState, lang: 'zh_CN' };
    const r = await this.post(url, body, this.config.notifications.sendTimeoutMs);
    if ('failed' in r) return { kind: 'no_answer', reason: r.failed };
    if (r.status !== 200 || !r.json || typeof r.json.errcode !== 'number') return { kind: 'no_answer', reason: `http ${r.status}` };
    return { kind: 'answer', errcode: r.json.errcode, errmsg: String(r.json.errmsg ?? '') };
  }

  async stableToken(forceRefresh: boolean): Promise<StableTokenReply> {
    const { apiBase, appId, appSecret, timeoutMs } = this.config.wechat;
    const r = await this.post(`${apiBase}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh }, timeoutMs);
    if ('failed' in r) return { kind: 'no_answer', reason: r.failed };
    if (r.status !== 200 || !r.json) return { kind: 'no_answer', reason: `http ${r.status}` };
    const { access_token: token, expires_in: expiresIn, errcode, errmsg } = r.json;
    if (typeof token === 'string' && typeof expiresIn === 'number') return { kind: 'token', accessToken: token, expiresInSeconds: expiresIn };
    return { kind: 'refused', errcode: typeof errcode === 'number' ? errcode : -1, errmsg: String(errmsg ?? '') };
  }

  private async post(url: string, body: unknown, timeoutMs: number): Promise<HttpJsonResult> {
    const r = await requestJson(url, { method: 'POST', body, timeoutMs });
    if ('failed' in r) this.log.debug({ reason: r.failed }, 'wechat request failed');
    return r;
  }
}

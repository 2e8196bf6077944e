import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestJson, type HttpJsonResult } from '../common/http-json';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';
import { StableTokenReply, SubscribeMessage, UnlimitedCodeReply, UnlimitedCodeRequest, WechatMessagePort, WechatReply } from './wechat-message.port';

// real HTTP client for subscribeMessage.send, stable_token and wxacode.getUnlimited; base URL from config (the local peer in dev/test)
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

  // the image bytes on success; WeChat answers a JSON errcode (HTTP 200) otherwise. Only a real PNG or JPEG counts as
  // a code: anything else (an HTML error page, an empty body) is no answer, so a poster never carries a broken image.
  async unlimitedCode(accessToken: string, q: UnlimitedCodeRequest): Promise<UnlimitedCodeReply> {
    const url = `${this.config.wechat.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(accessToken)}`;
    const body = { scene: q.scene, page: q.page, width: q.width, env_version: q.envVersion, check_path: q.envVersion === 'release' };
    let status: number;
    let type: string;
    let bytes: Buffer;
    try {
      const res = await fetch(url, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.config.wechat.timeoutMs),
      });
      status = res.status;
      type = res.headers.get('content-type') ?? '';
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      this.log.debug({ reason }, 'wechat getwxacodeunlimit failed');
      return { kind: 'no_answer', reason };
    }
    if (status !== 200) return { kind: 'no_answer', reason: `http ${status}` };
    const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    if (type.startsWith('image/') && (png || jpeg)) return { kind: 'image', bytes, contentType: png ? 'image/png' : 'image/jpeg' };
    try {
      const json = JSON.parse(bytes.toString('utf8')) as { errcode?: unknown; errmsg?: unknown };
      if (typeof json.errcode === 'number') return { kind: 'refused', errcode: json.errcode, errmsg: String(json.errmsg ?? '') };
    } catch {
      // not JSON either
    }
    return { kind: 'no_answer', reason: `unexpected ${type || 'body'}` };
  }

  private async post(url: string, body: unknown, timeoutMs: number): Promise<HttpJsonResult> {
    const r = await requestJson(url, { method: 'POST', body, timeoutMs });
    if ('failed' in r) this.log.debug({ reason: r.failed }, 'wechat request failed');
    return r;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO } from '../common/logger';
import { AccessTokenService, TokenUnavailable } from './access-token.service';
import { WechatMessagePort, type UnlimitedCodeRequest } from './wechat-message.port';

export type WxaCode = { kind: 'image'; bytes: Buffer } | { kind: 'unavailable'; reason: string };

// 小程序码 (wxacode.getUnlimited) with the shared access token: a token WeChat refuses (40001/42001) is replaced once.
// Never throws: whoever prints the code decides what to show without it.
@Injectable()
export class WxaCodeService {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly port: WechatMessagePort,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async unlimited(request: UnlimitedCodeRequest): Promise<WxaCode> {
    try {
      let token = await this.tokens.current();
      for (let attempt = 0; ; attempt++) {
        const reply = await this.port.unlimitedCode(token, request);
        if (reply.kind === 'image') return { kind: 'image', bytes: reply.bytes };
        if (reply.kind === 'refused' && (reply.errcode === 40001 || reply.errcode === 42001) && attempt === 0) {
          token = await this.tokens.replace(token);
          continue;
        }
        const reason = reply.kind === 'refused' ? `errcode ${reply.errcode}` : reply.reason;
        this.log.warn({ reason, page: request.page }, 'wechat getwxacodeunlimit gave no code');
        return { kind: 'unavailable', reason };
      }
    } catch (err) {
      if (!(err instanceof TokenUnavailable)) throw err;
      this.log.warn({ reason: err.message }, 'no access token for getwxacodeunlimit');
      return { kind: 'unavailable', reason: 'no access token' };
    }
  }
}

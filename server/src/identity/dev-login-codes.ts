import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../common/config';
import { requestJson } from '../common/http-json';
import { PINO } from '../common/logger';

// development and tests only: asks the local WeChat peer for a login code (the dev login route). The class doubles as
// the DI token; only ../dev/local-wechat-peer.module.ts provides it, and the app root never wires that in production.
export abstract class DevLoginCodes {
  abstract mintDevCode(user?: string): Promise<string | null>;
}

@Injectable()
export class LocalPeerLoginCodes extends DevLoginCodes {
  constructor(
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {
    super();
  }

  async mintDevCode(user?: string): Promise<string | null> {
    const r = await requestJson(`${this.config.wechat.apiBase}/__peer/code`, { method: 'POST', body: user ? { user } : {}, timeoutMs: this.config.wechat.timeoutMs });
    if ('failed' in r) {
      this.log.warn({ reason: r.failed }, 'wechat request failed');
      return null;
    }
    if (r.status < 200 || r.status >= 300 || !r.json) return null;
    const code = (r.json as { code?: unknown }).code;
    return typeof code === 'string' ? code : null;
  }
}

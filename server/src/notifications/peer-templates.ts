import { Injectable } from '@nestjs/common';
import { AppConfig } from '../common/config';
import { requestJson } from '../common/http-json';

export interface PeerTemplate {
  id: string;
  fields: Record<string, string>;
}

// development and tests only: tells the local WeChat peer which templates (and field types) exist, so development and
// tests push out of the box. The class doubles as the DI token; only ../dev/local-wechat-peer.module.ts provides it,
// and the app root never wires that in production.
export abstract class PeerTemplates {
  abstract registerPeerTemplates(templates: PeerTemplate[]): Promise<boolean>;
}

@Injectable()
export class LocalPeerTemplates extends PeerTemplates {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async registerPeerTemplates(templates: PeerTemplate[]): Promise<boolean> {
    for (const t of templates) {
      const r = await requestJson(`${this.config.wechat.apiBase}/__peer/templates`, { method: 'POST', body: t, timeoutMs: this.config.wechat.timeoutMs });
      if ('failed' in r || r.status !== 200) return false;
    }
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { RateLimiter } from '../common/rate-limiter';
import { AppConfig } from '../common/config';
import { CreditRepository } from './credit.repository';
import { TemplateRegistry } from './template-registry';

type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

// what wx.requestSubscribeMessage answered becomes credits: each "accept" allows exactly one message of that template.
// The count is our best knowledge (WeChat has no API to read it); a 43101 corrects it to 0.
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly db: Db,
    private readonly credits: CreditRepository,
    private readonly registry: TemplateRegistry,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  templates(purpose: 'booking' | 'allowance') {
    return { items: this.registry.list(purpose).map((t) => ({ templateId: t.templateId, title: t.title, types: t.types })) };
  }

  async report(accountId: string, results: { templateId: string; result: SubscribeResult }[]) {
    await this.limiter.consume({ name: 'notify-subscribe', limit: this.config.notifications.subscribeRatePerMinute, windowSeconds: 60 }, accountId);
    const unknown = results.find((r) => !this.registry.byId(r.templateId));
    if (unknown) throw new DomainError(ErrorCode.TemplateNotConfigured, 'no such subscribe-message template', { templateId: unknown.templateId });
    const now = this.clock.now();
    await this.db.retrying(async (tx) => {
      for (const r of results) {
        // capped: a client reporting "accept" again and again cannot build an unbounded count
        if (r.result === 'accept') await this.credits.grant(tx, accountId, r.templateId, this.config.notifications.creditCap, now);
      }
    });
    return this.mine(accountId);
  }

  async mine(accountId: string) {
    const templates = this.registry.list();
    const counts = await this.db.read((m) => this.credits.forAccount(m, accountId, templates.map((t) => t.templateId)));
    return { items: templates.map((t) => ({ templateId: t.templateId, title: t.title, credits: counts.get(t.templateId) ?? 0 })) };
  }
}

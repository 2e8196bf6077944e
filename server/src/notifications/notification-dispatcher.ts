import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { NotificationType } from '@jianban/shared';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { PiiCipher } from '../common/pii-cipher';
import { AppConfig } from '../common/config';
import { AccountDirectory } from '../identity/account.directory';
import { AccessTokenService, TokenUnavailable } from './access-token.service';
import { CreditRepository } from './credit.repository';
import { DispatchRepository } from './dispatch.repository';
import { decide, describeReply, TOKEN_ERRCODES } from './dispatch-policy';
import type { NotificationAttemptEntity } from './entities/notification-attempt.entity';
import type { NotificationEventEntity } from './entities/notification-event.entity';
import { InboxRepository } from './inbox.repository';
import { PeerTemplates } from './peer-templates';
import { TemplateRegistry } from './template-registry';
import { WechatMessagePort, type SubscribeMessage, type WechatReply } from './wechat-message.port';

export interface DispatchStats {
  claimed: number;
  sent: number;
  retried: number;
  final: number; // settled without a push (no credit, no template, invalid, resubscribe, dead)
  skipped: number; // lost the claim before sending (someone else holds it now)
}

interface Ready {
  row: NotificationEventEntity;
  message: SubscribeMessage;
}

const INBOX_PAGE = 'subpackages/inbox/pages/detail/index';
const RETRIES = 5; // lock-conflict victims among concurrent dispatchers

// Delivers outbox events as WeChat subscribe messages, at least once, from every server instance at the same time.
// Per batch: claim (one conditional UPDATE with a lease) → read back the rows holding our token → in one transaction
// take each row (guarded by token and lease: the dedupe before WeChat) and one subscription credit → call WeChat
// outside any transaction → settle each row (guarded by token) with its attempts. A crash anywhere only delays
// delivery until the lease runs out; a crash between WeChat's answer and the settle re-sends at most the rows that were
// in flight.
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private stopping = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly repo: DispatchRepository,
    private readonly credits: CreditRepository,
    private readonly inbox: InboxRepository,
    private readonly registry: TemplateRegistry,
    private readonly tokens: AccessTokenService,
    private readonly wechat: WechatMessagePort,
    private readonly accounts: AccountDirectory,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
    // development and tests only (the app root never wires it in production)
    @Optional() private readonly peer?: PeerTemplates,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const name of this.config.notifications.unconfiguredTemplates) {
      this.log.error({ variable: name }, 'WeChat template not configured: these notifications go to the inbox only (set the id, or "off")');
    }
    if (this.peer && this.config.env !== 'production' && isLoopback(this.config.wechat.apiBase)) {
      // the local WeChat peer learns our templates, so development and tests push out of the box
      const ok = await this.peer.registerPeerTemplates(this.registry.peerDefinitions());
      if (!ok) this.log.warn({ apiBase: this.config.wechat.apiBase }, 'could not register templates with the local WeChat peer');
    }
    if (this.config.notifications.dispatch) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  // finishes the batch in hand, then stops
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    const { batchSize, pollMs } = this.config.notifications;
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = (await this.runOnce()).claimed;
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'notification dispatch round failed');
      }
      if (claimed < batchSize && !this.stopping) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  // one round: claim up to batchSize due events and deliver them
  async runOnce(): Promise<DispatchStats> {
    const stats: DispatchStats = { claimed: 0, sent: 0, retried: 0, final: 0, skipped: 0 };
    const { batchSize, leaseSeconds } = this.config.notifications;
    const token = randomUUID();
    const now = this.clock.now();
    // InnoDB may pick dispatchers touching the same rows as deadlock victims: Db.retrying runs the rolled-back work again
    stats.claimed = await this.db.retrying((tx) => this.repo.claim(tx, token, now, new Date(now.getTime() + leaseSeconds * 1000), batchSize), RETRIES);
    if (!stats.claimed) return stats;
    const rows = await this.db.read((m) => this.repo.claimed(m, token));
    const ready = await this.take(rows, token, stats);
    // a send must end (answer or timeout) before the lease does, or another instance may take the row meanwhile
    const lastSendStart = now.getTime() + leaseSeconds * 1000 - this.config.notifications.sendTimeoutMs;
    await this.inParallel(ready, async (r) => {
      if (this.clock.now().getTime() > lastSendStart) {
        stats.skipped++; // left as it is: it comes back when the lease runs out
        return;
      }
      await this.deliver(r, token, stats);
    });
    return stats;
  }

  // in one transaction: every claimed row is taken (guarded) with its credit, or settled when it cannot be pushed
  private async take(rows: NotificationEventEntity[], token: string, stats: DispatchStats): Promise<Ready[]> {
    const residentIds = [...new Set(rows.filter((r) => r.recipientKind === 'resident').map((r) => r.recipientId))];
    const [openIds, inboxIds] = await Promise.all([
      this.accounts.residentOpenIdsEncrypted(residentIds),
      this.db.read((m) => this.inbox.idsByEvent(m, rows.map((r) => r.id))),
    ]);
    // worked out before the transaction: it holds only the statements (and a retry repeats only those)
    const plans = rows.map((row) => this.plan(row, openIds.get(row.recipientId), inboxIds.get(row.id)));
    const now = this.clock.now();
    const { ready, count } = await this.db.retrying(async (tx) => {
      const ready: Ready[] = [];
      const count = { final: 0, skipped: 0 };
      const final = (row: NotificationEventEntity, pushState: string, lastError: string | null) => {
        count.final++;
        return this.repo.settle(tx, row.id, token, { pushState, lastError, creditHeld: 0 });
      };
      for (const p of plans) {
        if ('final' in p) {
          await final(p.row, p.final.pushState, p.final.lastError);
          continue;
        }
        const { row, message } = p;
        if (!(await this.repo.begin(tx, row.id, token, now, { templateId: message.templateId, creditHeld: 1 }))) {
          count.skipped++;
          continue;
        }
        // a credit is taken once per event and kept across retries and redeliveries
        if (!row.creditHeld && !(await this.credits.take(tx, row.recipientId, message.templateId, now))) {
          await final(row, 'no_credit', null);
          continue;
        }
        ready.push({ row: { ...row, templateId: message.templateId, attempts: row.attempts + 1 }, message });
      }
      return { ready, count };
    }, RETRIES);
    stats.final += count.final;
    stats.skipped += count.skipped;
    return ready;
  }

  // the message a claimed row becomes, or the final state it settles in without a push
  private plan(row: NotificationEventEntity, openidEnc: string | undefined, inboxId: string | undefined): Ready | { row: NotificationEventEntity; final: { pushState: string; lastError: string | null } } {
    if (row.recipientKind !== 'resident' || !openidEnc) return { row, final: { pushState: 'no_template', lastError: 'no WeChat recipient' } };
    const built = this.registry.build(row.type as NotificationType, JSON.parse(row.dataJson));
    if (built.kind === 'no_template') return { row, final: { pushState: 'no_template', lastError: null } };
    if (built.kind === 'invalid') {
      this.log.error({ eventId: row.id, type: row.type, field: built.field, fieldType: built.type }, 'notification data cannot fill its template: our bug');
      return { row, final: { pushState: 'invalid', lastError: `field ${built.field} has no valid value` } };
    }
    // a retried event keeps the template its held credit was taken for
    const templateId = row.creditHeld ? (row.templateId ?? built.templateId) : built.templateId;
    return {
      row,
      message: {
        touser: this.cipher.decrypt(openidEnc),
        templateId,
        page: inboxId ? `${INBOX_PAGE}?id=${inboxId}` : undefined,
        data: built.data,
        miniprogramState: this.config.notifications.miniprogramState,
      },
    };
  }

  private async deliver({ row, message }: Ready, claimToken: string, stats: DispatchStats): Promise<void> {
    const attempts: NotificationAttemptEntity[] = [];
    const reply = await this.send(row, message, attempts);
    const n = this.config.notifications;
    const d = decide(reply, row.attempts, { maxAttempts: n.maxAttempts, baseMs: n.retryBaseMs, maxMs: n.retryMaxMs });
    const { error } = describeReply(reply);
    const now = this.clock.now();
    const last = attempts[attempts.length - 1];
    if (last) last.outcome = d.state === 'retry' ? 'retry' : d.state;
    if (d.state === 'retry') stats.retried++;
    else if (d.state === 'sent') stats.sent++;
    else stats.final++;
    if (d.state !== 'sent' && d.state !== 'retry' && d.loud) {
      this.log.error({ eventId: row.id, type: row.type, templateId: row.templateId, error, state: d.state }, 'notification push failed for good');
    }
    await this.db.retrying(async (tx) => {
      const settled =
        d.state === 'retry'
          ? await this.repo.settle(tx, row.id, claimToken, { pushState: 'pending', lastError: error, nextAttemptAt: new Date(now.getTime() + d.delayMs) })
          : await this.repo.settle(tx, row.id, claimToken, { pushState: d.state, lastError: error, creditHeld: 0, ...(d.state === 'sent' ? { sentAt: now } : {}) });
      await this.repo.recordAttempts(tx, attempts);
      // the claim was lost meanwhile (lease ran out and someone else took the row): they own the credit bookkeeping
      if (!settled || d.state === 'retry' || d.state === 'sent') return;
      if (d.clearCredits) await this.credits.clear(tx, row.recipientId, row.templateId!, now);
      if (d.refund) await this.credits.refund(tx, row.recipientId, row.templateId!, n.creditCap, now);
    }, RETRIES);
  }

  // one attempt = one call, plus one immediate retry with a fresh token when WeChat refuses the token
  private async send(row: NotificationEventEntity, message: SubscribeMessage, attempts: NotificationAttemptEntity[]): Promise<WechatReply> {
    const call = async (accessToken: string) => {
      const started = Date.now();
      const reply = await this.wechat.sendSubscribeMessage(accessToken, message);
      attempts.push({ id: randomUUID(), eventId: row.id, attemptNo: row.attempts, ...describeReply(reply), outcome: 'token_retry', durationMs: Date.now() - started, at: this.clock.now() });
      return reply;
    };
    try {
      let accessToken = await this.tokens.current();
      let reply = await call(accessToken);
      if (reply.kind === 'answer' && TOKEN_ERRCODES.has(reply.errcode)) {
        accessToken = await this.tokens.replace(accessToken);
        reply = await call(accessToken);
      }
      return reply;
    } catch (err) {
      // no token (stable_token down, or the database while looking it up): a transient failure like any other
      const reply: WechatReply = { kind: 'no_answer', reason: `no access token: ${err instanceof TokenUnavailable ? err.message : 'lookup failed'}` };
      attempts.push({ id: randomUUID(), eventId: row.id, attemptNo: row.attempts, ...describeReply(reply), outcome: 'retry', durationMs: 0, at: this.clock.now() });
      return reply;
    }
  }

  private async inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++];
        try {
          await work(item);
        } catch (err) {
          // the row keeps its claim and comes back when the lease runs out
          this.log.warn({ err: (err as Error).message, code: (err as { code?: string }).code }, 'notification delivery failed; the event is retried after its lease');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.notifications.sendConcurrency, items.length) }, worker));
  }
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.startsWith('127.') || host === '::1';
}

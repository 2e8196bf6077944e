import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { PiiCipher } from '../common/pii-cipher';
import { AppConfig } from '../common/config';
import { AccessTokenRepository } from './access-token.repository';
import { WechatMessagePort } from './wechat-message.port';

export class TokenUnavailable extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The mini-program's access token from stable_token, kept in the database with its expiry and shared by every server
// instance. One instance at a time fetches a new one (a lease on the token row); the others reuse the stored token or
// wait for it. The in-memory copy is only a cache of the row: a token WeChat refuses is looked up again in the row.
@Injectable()
export class AccessTokenService {
  private cached: { token: string; expiresAt: number } | null = null;
  // concurrent sends of this instance share one lookup (single flight); instances coordinate through the row
  private inflight: { stale: string | null; promise: Promise<string> } | null = null;
  private readonly appId: string;

  constructor(
    private readonly db: Db,
    private readonly repo: AccessTokenRepository,
    private readonly port: WechatMessagePort,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {
    this.appId = config.wechat.appId;
  }

  private get aheadMs() {
    return this.config.notifications.tokenRefreshAheadSeconds * 1000;
  }

  async current(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && this.cached.expiresAt - this.aheadMs > now) return this.cached.token;
    return this.obtain(null);
  }

  // WeChat refused `stale` (40001/42001): use a newer stored token, or fetch one with force_refresh
  async replace(stale: string): Promise<string> {
    if (this.cached?.token === stale) this.cached = null;
    return this.obtain(stale);
  }

  private obtain(stale: string | null): Promise<string> {
    if (this.inflight && this.inflight.stale === stale) return this.inflight.promise;
    const promise = this.lookup(stale).finally(() => {
      if (this.inflight?.promise === promise) this.inflight = null;
    });
    this.inflight = { stale, promise };
    return promise;
  }

  private async lookup(stale: string | null): Promise<string> {
    const deadline = this.clock.now().getTime() + this.config.notifications.tokenLeaseSeconds * 1000 * 2;
    for (;;) {
      const seen = await this.readStored(stale);
      if (seen.fresh) return this.remember(seen.fresh);

      const now = this.clock.now();
      const lease = randomUUID();
      const until = new Date(now.getTime() + this.config.notifications.tokenLeaseSeconds * 1000);
      if (await this.db.transaction((tx) => this.repo.acquireLease(tx, this.appId, lease, now, until))) {
        // another instance may have stored a token and let go of its lease since the read above: read again under the
        // lease (nobody else can store now) and fetch only if the row still needs it
        const held = await this.readStored(stale);
        if (!held.fresh) return this.fetch(lease, held.storedIsStale);
        // a release that fails only leaves the lease to run out
        await this.db.transaction((tx) => this.repo.release(tx, this.appId, lease)).catch(() => undefined);
        return this.remember(held.fresh);
      }
      // someone else is fetching: a stored token that still works is fine meanwhile
      if (seen.usable) return this.remember(seen.usable);
      if (this.clock.now().getTime() > deadline) throw new TokenUnavailable('timed out waiting for another instance to fetch the access token');
      await sleep(50);
    }
  }

  // the stored token as this instance sees it now: `usable` is unexpired and not the refused one; `fresh` is usable and
  // either out of the refresh-ahead window or just fetched (stable_token may hand back the same token until it expires)
  private async readStored(stale: string | null) {
    const row = await this.db.read((m) => this.repo.find(m, this.appId));
    const now = this.clock.now().getTime();
    const stored = row?.tokenEnc && row.expiresAt ? { token: this.cipher.decrypt(row.tokenEnc), expiresAt: row.expiresAt.getTime() } : null;
    const usable = stored && stored.token !== stale && stored.expiresAt > now ? stored : null;
    const justFetched = row !== null && now - row.updatedAt.getTime() < 30_000;
    const fresh = usable && (usable.expiresAt - this.aheadMs > now || justFetched) ? usable : null;
    // force_refresh only when the refused token is the one in the row
    return { usable, fresh, storedIsStale: stored !== null && stored.token === stale };
  }

  private async fetch(lease: string, force: boolean): Promise<string> {
    let stored = false;
    try {
      const reply = await this.port.stableToken(force);
      if (reply.kind !== 'token') {
        this.log.error({ reply: reply.kind === 'refused' ? { errcode: reply.errcode, errmsg: reply.errmsg } : reply.reason }, 'wechat stable_token failed');
        throw new TokenUnavailable(reply.kind === 'refused' ? `stable_token errcode ${reply.errcode}` : `stable_token ${reply.reason}`);
      }
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + reply.expiresInSeconds * 1000);
      const enc = this.cipher.encrypt(reply.accessToken);
      stored = await this.db.transaction((tx) => this.repo.store(tx, this.appId, lease, enc, expiresAt, now));
      this.log.info({ force, expiresInSeconds: reply.expiresInSeconds }, 'wechat access token refreshed');
      return this.remember({ token: reply.accessToken, expiresAt: expiresAt.getTime() });
    } finally {
      if (!stored) await this.db.transaction((tx) => this.repo.release(tx, this.appId, lease)).catch(() => undefined);
    }
  }

  private remember(t: { token: string; expiresAt: number }): string {
    this.cached = t;
    return t.token;
  }
}

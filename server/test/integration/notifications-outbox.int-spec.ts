import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { Db } from '../../src/common/db';
import { PINO } from '../../src/common/logger';
import { PiiCipher } from '../../src/common/pii-cipher';
import { AppConfig } from '../../src/config';
import { AccountDirectory } from '../../src/identity/account.directory';
import { AccessTokenService } from '../../src/notifications/access-token.service';
import { CreditRepository } from '../../src/notifications/credit.repository';
import { DispatchRepository } from '../../src/notifications/dispatch.repository';
import { InboxRepository } from '../../src/notifications/inbox.repository';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher';
import { TemplateRegistry } from '../../src/notifications/template-registry';
import { WechatMessagePort } from '../../src/notifications/wechat-message.port';
import { describeEngines } from '../support/describe-engines';
import { bookingData, MANUAL_DISPATCH, notify, TPL, type Resident } from '../support/notifications-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

// negative control: a claim that forgets the lease condition takes rows another dispatcher holds right now
class ClaimWithoutLease extends DispatchRepository {
  override claim(m: EntityManager, token: string, now: Date, until: Date, limit: number): Promise<number> {
    return super.claim(m, token, now, until, limit, `push_state IN ('pending', 'sending') AND next_attempt_at <= :now`);
  }
}

describeEngines('outbox atomicity and concurrent dispatchers on %s', (engine) => {
  let t: TestApp;
  let n: ReturnType<typeof notify>;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'notify-outbox', env: { ...MANUAL_DISPATCH, NOTIFY_BATCH_SIZE: '40', NOTIFY_SEND_CONCURRENCY: '8' } });
    n = notify(t);
  });
  afterAll(async () => t?.close());

  const dispatcher = (repo: DispatchRepository) => {
    const g = <T>(c: abstract new (...a: any[]) => T) => t.app.app.get(c as any) as T;
    return new NotificationDispatcher(
      g(Db), repo, g(CreditRepository), g(InboxRepository), g(TemplateRegistry), g(AccessTokenService), g(WechatMessagePort),
      g(AccountDirectory), g(PiiCipher), g(Clock), g(AppConfig), t.app.app.get(PINO) as Logger,
    );
  };

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await n.q<{ c: number | string }>(sql, params);
    return Number(row.c);
  }

  it('E1: a transaction that records an event and then fails leaves neither the business row, nor the event, nor the inbox message', async () => {
    const db = t.app.app.get(Db);
    const r = await n.resident('ob-atomic');
    const attempt = (fail: boolean, key: string) =>
      db.transaction(async (tx) => {
        // the "business row": any write the same transaction makes
        await tx.query(`INSERT INTO rate_limit_bucket (bucket_key, window_start, hits) VALUES (?, 0, 1)`, [key]);
        await n.record(r, 'booking_confirmed', key, bookingData());
        if (fail) throw new Error('injected failure after the business write');
      });
    await expect(attempt(true, 'ob-atomic-fail')).rejects.toThrow('injected failure');
    await attempt(false, 'ob-atomic-ok'); // the control: the same transaction without the failure commits all three
    for (const [key, expected] of [['ob-atomic-fail', 0], ['ob-atomic-ok', 1]] as const) {
      expect(await count(`SELECT COUNT(*) c FROM rate_limit_bucket WHERE bucket_key = ?`, [key])).toBe(expected);
      expect(await count(`SELECT COUNT(*) c FROM notification_event WHERE idempotency_key = ?`, [key])).toBe(expected);
      expect(await count(`SELECT COUNT(*) c FROM inbox_message i JOIN notification_event e ON e.id = i.event_id WHERE e.idempotency_key = ?`, [key])).toBe(expected);
    }
    // no orphans either way across the whole outbox
    expect(await count(`SELECT COUNT(*) c FROM notification_event e WHERE NOT EXISTS (SELECT 1 FROM inbox_message i WHERE i.event_id = e.id)`, [])).toBe(0);
    expect(await count(`SELECT COUNT(*) c FROM inbox_message i WHERE NOT EXISTS (SELECT 1 FROM notification_event e WHERE e.id = i.event_id)`, [])).toBe(0);
  });

  it('recording the same idempotency key twice is a no-op (one event, one inbox message)', async () => {
    const r = await n.resident('ob-dup');
    expect(await n.record(r, 'booking_confirmed', 'ob-dup-1', bookingData())).toBe('recorded');
    expect(await n.record(r, 'booking_confirmed', 'ob-dup-1', bookingData())).toBe('duplicate');
    expect(await count(`SELECT COUNT(*) c FROM inbox_message WHERE recipient_id = ?`, [r.id])).toBe(1);
  });

  async function raceTwoDispatchers(user: string, repoB: DispatchRepository, events: number) {
    const r: Resident = await n.resident(user);
    await t.peerCall('/__peer/credits', { openid: r.openid, templateId: TPL.booking_result, count: events * 2 });
    await n.q(`DELETE FROM notification_credit WHERE account_id = ?`, [r.id]);
    await n.q(`INSERT INTO notification_credit (account_id, template_id, credits, updated_at) VALUES (?, ?, ?, ?)`, [r.id, TPL.booking_result, events * 2, '2026-01-01 00:00:00.000']);
    for (let i = 0; i < events; i++) await n.record(r, 'booking_confirmed', `${user}-${i}`, bookingData());
    // every send takes 25 ms, so the two dispatchers' batches overlap while sends are in flight
    await n.fail({ delayMs: 25, times: events * 3 });
    const a = dispatcher(t.app.app.get(DispatchRepository));
    const b = dispatcher(repoB);
    const loop = async (d: NotificationDispatcher, startAfterMs: number) => {
      await new Promise((res) => setTimeout(res, startAfterMs));
      for (let idle = 0; idle < 3; ) idle = (await d.runOnce()).claimed ? 0 : idle + 1;
    };
    await Promise.all([loop(a, 0), loop(b, 10)]);
    const pages = (await n.delivered(r)).map((m) => m.page);
    const states = await n.q<{ push_state: string; c: number | string }>(`SELECT push_state, COUNT(*) c FROM notification_event WHERE recipient_id = ? GROUP BY push_state`, [r.id]);
    return { pushes: pages.length, distinct: new Set(pages).size, states: Object.fromEntries(states.map((s) => [s.push_state, Number(s.c)])) };
  }

  it('E4: two dispatchers claiming at the same time never send an event twice', async () => {
    const res = await raceTwoDispatchers('ob-race', t.app.app.get(DispatchRepository), 120);
    expect(res.states).toEqual({ sent: 120 });
    expect(res.distinct).toBe(120);
    expect(res.pushes).toBe(120);
  });

  it('negative control: with a claim that ignores the lease the same race sends events twice', async () => {
    const res = await raceTwoDispatchers('ob-race-naive', new ClaimWithoutLease(), 120);
    expect(res.distinct).toBe(120);
    expect(res.pushes).toBeGreaterThan(120);
  });
});

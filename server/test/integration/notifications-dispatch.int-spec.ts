import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Logger } from 'pino';
import { Clock } from '../../src/common/clock';
import { Db } from '../../src/common/db';
import { PINO } from '../../src/common/logger';
import { PiiCipher } from '../../src/common/pii-cipher';
import { AppConfig } from '../../src/config';
import { AccessTokenRepository } from '../../src/notifications/access-token.repository';
import { AccessTokenService } from '../../src/notifications/access-token.service';
import { WechatMessagePort } from '../../src/notifications/wechat-message.port';
import { describeEngines } from '../support/describe-engines';
import { bookingData, MANUAL_DISPATCH, notify, peer, sqlTime, TPL } from '../support/notifications-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

// E3: what the dispatcher does with each WeChat answer, driven round by round (NOTIFY_DISPATCH=off, runOnce)
describeEngines('notification dispatch and WeChat errcodes on %s', (engine) => {
  let t: TestApp;
  let n: ReturnType<typeof notify>;
  beforeAll(async () => {
    // every send of this file runs under this limit, so it is margin, not a baseline: 2 s for a send to the local peer
    // that takes milliseconds on a quiet machine (a loaded 2-core box must not turn an ordinary send into a timeout);
    // the timeout test makes the peer hang for twice that, so the client limit, not the peer's answer, ends the call
    t = await startTestApp(engine, { name: 'notify-dispatch', env: { ...MANUAL_DISPATCH, NOTIFY_MAX_ATTEMPTS: '3', WECHAT_SEND_TIMEOUT_MS: '2000' } });
    n = notify(t);
  });
  afterAll(async () => t?.close());

  it('pushes a confirmed booking once, with fields that fit the template, and spends exactly one credit', async () => {
    const r = await n.resident('nd-ok');
    await n.subscribe(r, TPL.booking_result, 2);
    expect(await n.credits(r, TPL.booking_result)).toBe(2);
    await n.record(r, 'booking_confirmed', 'nd-ok-1', bookingData({ serviceName: '一个名字非常非常非常非常长的办事项目名称超过二十个字' }));
    const stats = await n.drain();
    expect(stats.sent).toBe(1);
    const [msg] = await n.delivered(r);
    expect(msg.template_id).toBe(TPL.booking_result);
    expect(msg.data.phrase4.value).toBe('已确认');
    expect([...msg.data.thing1.value].length).toBeLessThanOrEqual(20);
    expect(msg.data.time3.value).toBe('2026年12月1日 09:30');
    expect(msg.page).toMatch(/^subpackages\/inbox\/pages\/detail\/index\?id=[0-9a-f-]{36}$/);
    const ev = await n.event('nd-ok-1');
    expect(ev).toMatchObject({ push_state: 'sent', claim_token: null });
    expect(await n.credits(r, TPL.booking_result)).toBe(1);
    expect((await n.attempts(ev.id)).map((a) => [a.errcode, a.outcome])).toEqual([[0, 'sent']]);
    // a second round finds nothing: a sent event is never claimed again
    expect((await n.drain()).claimed).toBe(0);
    expect(await n.delivered(r)).toHaveLength(1);
  });

  it('without a credit it does not call WeChat: no_credit, the inbox message is there anyway', async () => {
    const r = await n.resident('nd-nocredit');
    await n.record(r, 'booking_rejected', 'nd-nocredit-1', bookingData({ reason: '材料不全' }));
    await n.drain();
    expect((await n.event('nd-nocredit-1')).push_state).toBe('no_credit');
    expect(await n.delivered(r)).toHaveLength(0);
    const sends = await t.peerCall<{ requests: { body: { touser: string } }[] }>('/__peer/received?endpoint=subscribe_send');
    expect(sends.requests.filter((q) => q.body.touser === r.openid)).toHaveLength(0);
    const inbox = await t.http('GET', '/api/inbox', { token: r.token });
    expect(inbox.body.items.map((i: { title: string }) => i.title)).toEqual(['预约没有通过']);
  });

  it('43101: the credit is gone: credits → 0, needs_resubscribe, no retry, no refund', async () => {
    const r = await n.resident('nd-43101');
    await n.subscribe(r, TPL.booking_result, 3);
    await t.peerCall('/__peer/credits', { openid: r.openid, templateId: TPL.booking_result, count: 0 });
    // the peer holds 3 credits from subscribe(); the user revoked them in WeChat meanwhile
    await n.fail({ errcode: 43101 });
    await n.record(r, 'booking_confirmed', 'nd-43101-1', bookingData());
    await n.drain();
    const ev = await n.event('nd-43101-1');
    expect(ev.push_state).toBe('needs_resubscribe');
    expect(await n.credits(r, TPL.booking_result)).toBe(0);
    await n.makeDue();
    expect((await n.drain()).claimed).toBe(0);
    expect((await n.attempts(ev.id)).map((a) => a.errcode)).toEqual([43101]);
  });

  it('45009 and −1 are retried with backoff, then delivered; every attempt is recorded', async () => {
    const r = await n.resident('nd-transient');
    await n.subscribe(r, TPL.booking_result, 1);
    await n.fail({ errcode: 45009 });
    await n.record(r, 'booking_confirmed', 'nd-tr-1', bookingData());
    await n.dispatcher.runOnce();
    let ev = await n.event('nd-tr-1');
    expect(ev).toMatchObject({ push_state: 'pending', attempts: 1, credit_held: 1, claim_token: null });
    expect(ev.last_error).toMatch(/^45009/);
    // the credit stays held by the event across retries: nothing is taken twice
    expect(await n.credits(r, TPL.booking_result)).toBe(0);
    await n.fail({ errcode: -1 });
    await n.makeDue();
    await n.dispatcher.runOnce();
    expect((await n.event('nd-tr-1')).push_state).toBe('pending');
    expect((await n.attempts(ev.id)).map((a) => [a.errcode, a.error?.slice(0, 8), a.outcome])).toEqual([
      [45009, '45009 re', 'retry'], [-1, '-1 syste', 'retry'],
    ]);
    // the third try (the last one NOTIFY_MAX_ATTEMPTS=3 allows) succeeds
    await n.makeDue();
    await n.dispatcher.runOnce();
    ev = await n.event('nd-tr-1');
    expect(ev.push_state).toBe('sent');
    expect(await n.delivered(r)).toHaveLength(1);
  });

  it('timeouts and HTTP 5xx are retried too; after NOTIFY_MAX_ATTEMPTS it dead-letters and gives the credit back', async () => {
    const r = await n.resident('nd-dead');
    await n.subscribe(r, TPL.booking_result, 1);
    await n.fail({ delayMs: 4000, errcode: -1 }); // twice WECHAT_SEND_TIMEOUT_MS=2000: no answer in time
    await n.fail({ httpStatus: 503 });
    await n.fail({ delayMs: 4000, errcode: -1 });
    await n.record(r, 'booking_confirmed', 'nd-dead-1', bookingData());
    for (let i = 0; i < 3; i++) {
      await n.makeDue();
      await n.drain();
    }
    const ev = await n.event('nd-dead-1');
    expect(ev).toMatchObject({ push_state: 'dead', attempts: 3, credit_held: 0 });
    expect((await n.attempts(ev.id)).map((a) => [a.error, a.outcome])).toEqual([['timeout', 'retry'], ['http 503', 'retry'], ['timeout', 'dead']]);
    expect(await n.credits(r, TPL.booking_result)).toBe(1);
    await n.makeDue();
    expect((await n.drain()).claimed).toBe(0);
  });

  it('47003 is our bug: logged as an error, not retried, credit refunded', async () => {
    const r = await n.resident('nd-47003');
    await n.subscribe(r, TPL.booking_result, 1);
    await n.fail({ errcode: 47003 });
    await n.record(r, 'booking_confirmed', 'nd-47003-1', bookingData());
    const logError = jest.spyOn(t.app.app.get(PINO) as Logger, 'error');
    let errorLogs: unknown[][];
    try {
      await n.drain();
      errorLogs = [...logError.mock.calls]; // mockRestore clears the recorded calls
    } finally {
      logError.mockRestore();
    }
    const ev = await n.event('nd-47003-1');
    expect(ev.push_state).toBe('invalid');
    expect(errorLogs.filter(([o, msg]) => (o as { eventId?: string }).eventId === ev.id && msg === 'notification push failed for good')).toHaveLength(1);
    expect(await n.credits(r, TPL.booking_result)).toBe(1);
    await n.makeDue();
    expect((await n.drain()).claimed).toBe(0);
    expect((await n.attempts(ev.id)).map((a) => [a.errcode, a.outcome])).toEqual([[47003, 'invalid']]);
  });

  it('40037 (template id wrong): not retried, refunded', async () => {
    const r = await n.resident('nd-40037');
    await n.subscribe(r, TPL.booking_result, 1);
    await n.fail({ errcode: 40037 });
    await n.record(r, 'booking_confirmed', 'nd-40037-1', bookingData());
    await n.drain();
    const ev = await n.event('nd-40037-1');
    expect(ev.push_state).toBe('bad_template');
    expect(await n.credits(r, TPL.booking_result)).toBe(1);
    await n.makeDue();
    expect((await n.drain()).claimed).toBe(0);
    expect((await n.attempts(ev.id)).map((a) => [a.errcode, a.outcome])).toEqual([[40037, 'bad_template']]);
  });

  it('40001: fetches a new token with force_refresh and retries once within the same attempt', async () => {
    const r = await n.resident('nd-40001');
    await n.subscribe(r, TPL.booking_result, 1);
    await t.app.app.get(AccessTokenService).current(); // the app holds a token already
    await n.fail({ errcode: 40001 });
    await n.record(r, 'booking_confirmed', 'nd-40001-1', bookingData());
    const before = (await t.peerCall<{ requests: { body: { force_refresh?: boolean } }[] }>('/__peer/received?endpoint=stable_token')).requests;
    await n.drain();
    const ev = await n.event('nd-40001-1');
    expect(ev.push_state).toBe('sent');
    expect((await n.attempts(ev.id)).map((a) => [a.errcode, a.outcome])).toEqual([[40001, 'token_retry'], [0, 'sent']]);
    const after = (await t.peerCall<{ requests: { body: { force_refresh?: boolean } }[] }>('/__peer/received?endpoint=stable_token')).requests;
    expect(after.slice(before.length).map((q) => q.body.force_refresh)).toEqual([true]);
  });

  it('a token invalidated by another process (real 40001 from the peer) is replaced and the send goes through', async () => {
    const r = await n.resident('nd-token-stolen');
    await n.subscribe(r, TPL.booking_result, 1);
    await t.peerCall('/__peer/config', { tokenGraceSeconds: 0 });
    // someone else (e.g. a second deployment with the same app id) force-refreshes: our stored token stops working
    await t.peerCall('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: t.config.wechat.appId, secret: t.config.wechat.appSecret, force_refresh: true });
    await n.record(r, 'booking_confirmed', 'nd-stolen-1', bookingData());
    await n.drain();
    const ev = await n.event('nd-stolen-1');
    expect(ev.push_state).toBe('sent');
    expect((await n.attempts(ev.id)).map((a) => a.errcode)).toEqual([40001, 0]);
    await t.peerCall('/__peer/config', { tokenGraceSeconds: 30 });
  });

  it('honours notBefore: a reminder is not pushed before its time', async () => {
    const r = await n.resident('nd-reminder');
    await n.subscribe(r, TPL.booking_reminder, 1);
    await n.record(r, 'booking_reminder', 'nd-rem-1', bookingData(), { notBefore: new Date(Date.now() + 3600_000) });
    expect((await n.drain()).claimed).toBe(0);
    expect((await n.event('nd-rem-1')).push_state).toBe('pending');
    // the inbox message is there at once
    expect((await t.http('GET', '/api/inbox/unread', { token: r.token })).body.unread).toBe(1);
    await n.makeDue();
    await n.drain();
    expect((await n.event('nd-rem-1')).push_state).toBe('sent');
    expect((await n.delivered(r))[0].template_id).toBe(TPL.booking_reminder);
  });

  it('staff recipients and events without a template stay inbox-only', async () => {
    await n.outbox.record({ recipient: { kind: 'staff', id: '00000000-0000-4000-8000-000000000001' }, type: 'booking_confirmed', data: bookingData(), idempotencyKey: 'nd-staff-1' });
    const r = await n.resident('nd-demand');
    await n.record(r, 'demand_report_updated', 'nd-demand-1', { itemName: '路灯', statusText: '已处理' });
    await n.drain();
    expect((await n.event('nd-staff-1')).push_state).toBe('no_template');
    const demand = await n.event('nd-demand-1');
    expect(demand.push_state).toBe('no_template');
    // inbox-only: the message is in the inbox, nothing went to WeChat and no attempt was made
    const inbox = await t.http('GET', '/api/inbox', { token: r.token });
    expect(inbox.body.items).toHaveLength(1);
    expect(await n.delivered(r)).toHaveLength(0);
    expect(await n.attempts(demand.id)).toHaveLength(0);
    const [staffInbox] = await n.q(`SELECT COUNT(*) AS c FROM inbox_message WHERE recipient_kind = 'staff' AND event_id = (SELECT id FROM notification_event WHERE idempotency_key = 'nd-staff-1')`);
    expect(Number(staffInbox.c)).toBe(1);
  });

  // separate service instances stand for separate server processes: they share nothing but the database row
  const tokenInstance = () => {
    const g = <T>(c: abstract new (...a: any[]) => T) => t.app.app.get(c as any) as T;
    return new AccessTokenService(g(Db), g(AccessTokenRepository), g(WechatMessagePort), g(PiiCipher), g(Clock), g(AppConfig), t.app.app.get(PINO) as Logger);
  };
  const stableTokenCalls = async () =>
    (await peer<{ requests: { body: { force_refresh?: boolean } }[] }>(t, '/__peer/received?endpoint=stable_token')).requests.map((q) => q.body.force_refresh);

  it('the access token is fetched by one instance at a time and shared through the database', async () => {
    await n.q(`DELETE FROM wechat_access_token`);
    const before = (await stableTokenCalls()).length;
    const instances = Array.from({ length: 5 }, tokenInstance);
    const tokens = await Promise.all(instances.map((i) => i.current()));
    expect(new Set(tokens).size).toBe(1);
    expect((await stableTokenCalls()).slice(before)).toEqual([false]);
    const [row] = await n.q(`SELECT token_enc, refresh_lease FROM wechat_access_token`);
    expect(row.refresh_lease).toBeNull();
    expect(row.token_enc).not.toContain(tokens[0]); // stored encrypted
  });

  it('refreshes ahead of expiry (plain stable_token), and force-refreshes only the token WeChat refused', async () => {
    const a = tokenInstance();
    const token = await a.current();
    // the stored token enters the refresh-ahead window (300 s by default) and was not fetched just now
    await n.q(`UPDATE wechat_access_token SET expires_at = ?, updated_at = ?`, [sqlTime(new Date(Date.now() + 60_000)), sqlTime(new Date(Date.now() - 3600_000))]);
    const before = (await stableTokenCalls()).length;
    const b = tokenInstance();
    await b.current();
    expect((await stableTokenCalls()).slice(before)).toEqual([false]);
    // a refused token that is no longer the stored one: the stored one is used, WeChat is not asked
    const mid = (await stableTokenCalls()).length;
    expect(await b.replace('some-older-token')).toBe(await b.current());
    expect((await stableTokenCalls()).slice(mid)).toEqual([]);
    // the stored token itself refused: one force refresh
    const fresh = await a.replace(await b.current());
    expect(fresh).not.toBe(token);
    expect((await stableTokenCalls()).slice(mid)).toEqual([true]);
  });
});

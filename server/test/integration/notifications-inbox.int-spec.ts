import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { creditList, inboxList, inboxMessageView, routes, subscriptionTemplateList } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { bookingData, MANUAL_DISPATCH, notify, TPL } from '../support/notifications-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

// the inbox API (A1: someone else's message answers exactly like a random id) and subscription credits
describeEngines('inbox and subscriptions on %s', (engine) => {
  let t: TestApp;
  let n: ReturnType<typeof notify>;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'notify-inbox', env: { ...MANUAL_DISPATCH, NOTIFY_CREDIT_CAP: '3', NOTIFY_SUBSCRIBE_RATE_LIMIT: '8' } });
    n = notify(t);
  });
  afterAll(async () => t?.close());

  it('lists the own messages newest first with the unread count, pages bounded, marks read one and all', async () => {
    const a = await n.resident('in-a');
    for (let i = 0; i < 3; i++) await n.record(a, 'booking_confirmed', `in-a-${i}`, bookingData({ serviceName: `事项${i}` }));
    const list = inboxList.parse((await t.call(routes.listInbox, { page: 1, pageSize: 2 }, { token: a.token })).body);
    expect(list).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(list.items).toHaveLength(2);
    expect((await t.http('GET', '/api/inbox?pageSize=51', { token: a.token })).status).toBe(400);
    const one = inboxMessageView.parse((await t.call(routes.markInboxRead, {}, { token: a.token, params: { id: list.items[0].id } })).body);
    expect(one.readAt).not.toBeNull();
    expect((await t.call(routes.inboxUnread, {}, { token: a.token })).body).toEqual({ unread: 2 });
    const unreadOnly = inboxList.parse((await t.http('GET', '/api/inbox?unreadOnly=true', { token: a.token })).body);
    expect(unreadOnly.items.map((i) => i.id)).not.toContain(one.id);
    expect((await t.call(routes.markAllInboxRead, {}, { token: a.token })).body).toEqual({ updated: 2, unread: 0 });
    const detail = inboxMessageView.parse((await t.call(routes.getInboxMessage, {}, { token: a.token, params: { id: one.id } })).body);
    expect(detail.link).toEqual({ kind: 'booking', id: expect.any(String) });
  });

  it('A1: another account\'s message id answers the same 404 as a random id and changes nothing', async () => {
    const a = await n.resident('in-owner');
    const b = await n.resident('in-intruder');
    await n.record(a, 'booking_rejected', 'in-owner-1', bookingData({ reason: '材料不全' }));
    const [mine] = inboxList.parse((await t.call(routes.listInbox, {}, { token: a.token })).body).items;
    const staff = await t.loginStaff('meicun');
    for (const token of [b.token, staff]) {
      for (const route of [routes.getInboxMessage, routes.markInboxRead] as const) {
        const other = await t.call(route, {}, { token, params: { id: mine.id } });
        const random = await t.call(route, {}, { token, params: { id: randomUUID() } });
        expect(other.status).toBe(404);
        expect(other.body).toEqual(random.body);
      }
    }
    expect((await t.call(routes.markAllInboxRead, {}, { token: b.token })).body).toEqual({ updated: 0, unread: 0 });
    expect((await t.call(routes.getInboxMessage, {}, { token: a.token, params: { id: mine.id } })).body.readAt).toBeNull();
    expect((await t.call(routes.inboxUnread, {}, { token: a.token })).body).toEqual({ unread: 1 });
    // negative control: the owner does see it
    expect((await t.call(routes.getInboxMessage, {}, { token: a.token, params: { id: mine.id } })).status).toBe(200);
  });

  it('staff have their own inbox', async () => {
    const staff = await t.loginStaff('dongmen');
    const me = await t.call(routes.me, {}, { token: staff });
    await n.outbox.record({ recipient: { kind: 'staff', id: me.body.id }, type: 'booking_cancelled_by_staff', data: bookingData(), idempotencyKey: `in-staff-${me.body.id}` });
    const list = inboxList.parse((await t.call(routes.listInbox, {}, { token: staff })).body);
    expect(list.items.map((i) => i.type)).toEqual(['booking_cancelled_by_staff']);
  });

  it('offers the templates of a purpose and counts accepted subscriptions as credits, capped', async () => {
    const r = await n.resident('in-credits');
    const tpl = subscriptionTemplateList.parse((await t.call(routes.subscriptionTemplates, { purpose: 'booking' }, { token: r.token })).body);
    expect(tpl.items.map((i) => i.templateId).sort()).toEqual([TPL.booking_reminder, TPL.booking_result].sort());
    expect(tpl.items.find((i) => i.templateId === TPL.booking_result)?.types).toEqual(['booking_confirmed', 'booking_rejected', 'booking_cancelled_by_staff']);
    const report = (results: { templateId: string; result: 'accept' | 'reject' }[]) => t.call(routes.reportSubscriptions, { results }, { token: r.token });
    const first = creditList.parse((await report([{ templateId: TPL.booking_result, result: 'accept' }, { templateId: TPL.booking_reminder, result: 'reject' }])).body);
    expect(first.items.find((i) => i.templateId === TPL.booking_result)?.credits).toBe(1);
    expect(first.items.find((i) => i.templateId === TPL.booking_reminder)?.credits).toBe(0);
    for (let i = 0; i < 4; i++) await report([{ templateId: TPL.booking_result, result: 'accept' }]);
    expect(await n.credits(r, TPL.booking_result)).toBe(3); // NOTIFY_CREDIT_CAP=3
    const unknown = await report([{ templateId: 'tmpl-unknown', result: 'accept' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('TEMPLATE_NOT_CONFIGURED');
    const mine = creditList.parse((await t.call(routes.myCredits, {}, { token: r.token })).body);
    expect(mine.items.find((i) => i.templateId === TPL.booking_result)?.credits).toBe(3);
  });

  it('B2: reporting subscriptions is rate limited per account (429 with Retry-After)', async () => {
    const r = await n.resident('in-rate');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 9; i++) {
      last = await t.call(routes.reportSubscriptions, { results: [{ templateId: TPL.booking_result, result: 'reject' }] }, { token: r.token });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('A2: staff cannot report subscriptions or read resident credits', async () => {
    const staff = await t.loginStaff('meicun');
    expect((await t.call(routes.myCredits, {}, { token: staff })).status).toBe(403);
    expect((await t.call(routes.reportSubscriptions, { results: [{ templateId: TPL.booking_result, result: 'accept' }] }, { token: staff })).status).toBe(403);
  });
});

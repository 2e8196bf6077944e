// The case kit on a real database (issue 10 item 1): ownership under a race of two staff taking the same case, the
// hand-over message and 转给我的, and an overdue flag raised once even when two runs race for it
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { CaseKit, type CaseRef, type StaffActor } from '../../src/cases/case-kit.service';
import { Db } from '../../src/common/db';
import { StaffAccountEntity } from '../../src/identity/entities/staff-account.entity';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN } from './booking-helpers';

const T0 = new Date('2026-09-17T02:00:00.000Z');
const later = (min: number) => new Date(T0.getTime() + min * 60_000);

describeEngines('the case kit on %s', (engine) => {
  let t: TestApp;
  let kit: CaseKit;
  let db: Db;
  let a: StaffActor;
  let b: StaffActor;
  let bToken: string;

  const openCase = async (): Promise<CaseRef> => {
    const ref: CaseRef = { kind: 'allowance', subjectId: randomUUID() };
    await db.transaction((tx) => kit.open(tx, ref, MEICUN, { action: 'created', actor: { kind: 'resident', id: randomUUID(), name: '居民' }, at: T0 }));
    return ref;
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'cases', env: BOOKING_TEST_ENV });
    kit = t.app.app.get(CaseKit);
    db = t.app.app.get(Db);
    const seeded = await t.ds.getRepository(StaffAccountEntity).findOneByOrFail({ username: 'meicun' });
    a = { kind: 'staff', id: seeded.id, name: seeded.displayName };
    const colleagueId = randomUUID();
    await t.ds.getRepository(StaffAccountEntity).insert({ ...seeded, id: colleagueId, username: 'cases-colleague', displayName: '李敏', openidHash: null });
    b = { kind: 'staff', id: colleagueId, name: '李敏' };
    bToken = await t.loginStaff('cases-colleague');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('two staff taking the same case at once: exactly one owner, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const ref = await openCase();
      const won = await Promise.all([a, b].map((s) => db.retrying((tx) => kit.take(tx, ref, s, later(1)))));
      expect(won.filter(Boolean)).toHaveLength(1);
      const file = await db.read((m) => kit.file(m, ref));
      const winner = won[0] ? a.id : b.id;
      expect([file!.responsibleStaffId, file!.handlerStaffId]).toEqual([winner, winner]);
    }
  });

  it('a hand-over writes the colleague an inbox message linking to the case and shows it under 转给我的; the reason stays internal', async () => {
    const ref = await openCase();
    await db.transaction((tx) => kit.take(tx, ref, a, later(1)));
    expect((await db.read((m) => kit.handedToMe(m, 'allowance', b.id, 1, 50))).items.map((f) => f.subjectId)).not.toContain(ref.subjectId);
    await db.transaction((tx) => kit.handOver(tx, ref, { from: a, toStaffId: b.id, reason: '下午去街道开会', at: later(2), caseTitle: '张桂英的高龄津贴申请', communityName: '梅村社区' }));

    const inbox = await t.call(routes.listInbox, { pageSize: 50 }, { token: bToken });
    expect(inbox.status).toBe(200);
    const msgs = (inbox.body.items as { type: string; title: string; body: string; link: { kind: string; id: string } | null }[]).filter((m) => m.link?.id === ref.subjectId);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ type: 'case_handed_over', link: { kind: 'allowance', id: ref.subjectId } });
    expect(msgs[0].body).toContain('下午去街道开会');
    expect(msgs[0].body).toContain('张桂英的高龄津贴申请');

    const mine = await db.read((m) => kit.handedToMe(m, 'allowance', b.id, 1, 50));
    expect(mine.items.map((f) => f.subjectId)).toContain(ref.subjectId);
    expect(await db.read((m) => kit.file(m, ref))).toMatchObject({ responsibleStaffId: a.id, handlerStaffId: b.id });

    const text = (x: string) => x;
    const resident = await db.read((m) => kit.residentLog(m, ref, text));
    expect(resident.map((e) => [e.action, e.note])).toEqual([['created', null], ['handed_over', '转交给李敏']]);
    const staff = await db.read((m) => kit.staffLog(m, ref, text));
    expect(staff.at(-1)).toMatchObject({ action: 'handed_over', note: '转交给李敏：下午去街道开会', internal: false, actorName: a.name });

    // closed: it leaves 转给我的
    await db.transaction((tx) => kit.close(tx, ref, later(3)));
    expect((await db.read((m) => kit.handedToMe(m, 'allowance', b.id, 1, 50))).items.map((f) => f.subjectId)).not.toContain(ref.subjectId);
  });

  it('an overdue flag is raised once, even when two runs race for it', async () => {
    const ref = await openCase();
    const recipients = await db.read((m) => kit.flagRecipients(m, MEICUN, null));
    expect(recipients).toEqual(expect.arrayContaining([a.id, b.id]));
    const message = { type: 'booking_flagged' as const, data: { serviceName: '高龄津贴', personName: '张桂英', startsAt: T0.toISOString(), communityName: '梅村社区', reason: 'unconfirmed' as const, thresholdMinutes: 240 } };
    const raised = await Promise.all([1, 2].map(() => db.retrying((tx) => kit.flagOnce(tx, ref, 'unconfirmed', recipients, message))));
    expect(raised.filter(Boolean)).toHaveLength(1);
    expect(await db.transaction((tx) => kit.flagOnce(tx, ref, 'unconfirmed', recipients, message))).toBe(false);
    const inbox = await t.call(routes.listInbox, { pageSize: 50 }, { token: bToken });
    expect((inbox.body.items as { type: string; link: { id: string } | null }[]).filter((m) => m.type === 'booking_flagged' && m.link?.id === ref.subjectId)).toHaveLength(1);
  });
});

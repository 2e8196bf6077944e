// The case kit with in-process fakes: its tables, identity's directory and region scope, and the outbox in memory
import { beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jianban/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { PeopleDirectory, StaffPerson } from '../identity/people.directory';
import type { RegionScope } from '../identity/region.scope';
import type { NotificationEvent, NotificationOutbox } from '../notifications/notification-outbox';
import { CaseKit } from './case-kit.service';
import type { CaseRepository } from './case.repository';
import type { CaseFileRecord, CaseKind, CaseRef, CaseStepRecord, StaffActor } from './case.types';

const M = {} as EntityManager;
const T0 = new Date('2026-09-17T02:00:00.000Z');
const later = (min: number) => new Date(T0.getTime() + min * 60_000);
const key = (r: CaseRef) => `${r.kind}:${r.subjectId}`;

// the kit's two tables, with the same conditions as the repository's conditional UPDATEs
class MemoryCases {
  readonly files = new Map<string, CaseFileRecord>();
  readonly logs: CaseStepRecord[] = [];
  async insertFile(_m: EntityManager, row: CaseFileRecord) {
    if (this.files.has(key(row))) throw new Error('duplicate case file');
    this.files.set(key(row), { ...row });
  }
  async insertLog(_m: EntityManager, row: CaseStepRecord) {
    this.logs.push({ ...row });
  }
  async file(_m: EntityManager, ref: CaseRef) {
    const f = this.files.get(key(ref));
    return f ? { ...f } : null;
  }
  async files_(kind: CaseKind, ids: string[]) {
    return ids.map((id) => this.files.get(`${kind}:${id}`)).filter((f): f is CaseFileRecord => !!f);
  }
  async claim(_m: EntityManager, ref: CaseRef, staffId: string, now: Date) {
    const f = this.files.get(key(ref));
    if (!f || f.responsibleStaffId) return false;
    Object.assign(f, { responsibleStaffId: staffId, handlerStaffId: staffId, responsibleAt: now, updatedAt: now });
    return true;
  }
  async moveHandler(_m: EntityManager, ref: CaseRef, expected: string, to: string, now: Date) {
    const f = this.files.get(key(ref));
    if (!f || f.handlerStaffId !== expected || f.closedAt) return false;
    Object.assign(f, { handlerStaffId: to, updatedAt: now });
    return true;
  }
  async close(_m: EntityManager, ref: CaseRef, now: Date) {
    const f = this.files.get(key(ref));
    if (f && !f.closedAt) Object.assign(f, { closedAt: now, updatedAt: now });
  }
  async flag(_m: EntityManager, ref: CaseRef, reason: string) {
    const f = this.files.get(key(ref));
    if (!f || f.closedAt || f.flaggedReason === reason) return false;
    f.flaggedReason = reason;
    return true;
  }
  async logs_(ref: CaseRef, residentView: boolean) {
    return this.logs.filter((l) => l.kind === ref.kind && l.subjectId === ref.subjectId && (!residentView || l.visibleToResident));
  }
  async pageHandedTo(_m: EntityManager, kind: CaseKind, staffId: string, page: number, pageSize: number) {
    const rows = [...this.files.values()].filter((f) => f.kind === kind && f.handlerStaffId === staffId && f.responsibleStaffId !== staffId && !f.closedAt);
    return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
  }
  asRepository(): CaseRepository {
    return Object.assign(Object.create(null), {
      insertFile: this.insertFile.bind(this), insertLog: this.insertLog.bind(this), file: this.file.bind(this), claim: this.claim.bind(this),
      moveHandler: this.moveHandler.bind(this), close: this.close.bind(this), flag: this.flag.bind(this), pageHandedTo: this.pageHandedTo.bind(this),
      files: (_m: EntityManager, kind: CaseKind, ids: string[]) => this.files_(kind, ids),
      logs: (_m: EntityManager, ref: CaseRef, residentView: boolean) => this.logs_(ref, residentView),
    }) as unknown as CaseRepository;
  }
}

// 梅村社区 under 城南街道 under 荆州区
const CHAIN = ['421003003003', '421003003', '421003'];
const MEICUN = CHAIN[0];
const staff = (id: string, regionCode: string, extra: Partial<StaffPerson> = {}): StaffPerson => ({ id, displayName: `员工${id}`, role: 'community_staff', regionCode, active: true, ...extra });
const PEOPLE: StaffPerson[] = [
  staff('a', MEICUN, { displayName: '王芳' }),
  staff('b', MEICUN, { displayName: '李敏' }),
  staff('street', '421003003', { displayName: '赵强', role: 'street_reviewer' }),
  staff('gone', MEICUN, { active: false }),
  staff('elsewhere', '421003001001'),
];
const people = {
  staffByIds: async (_m: EntityManager, ids: (string | null)[]) => PEOPLE.filter((p) => ids.includes(p.id)),
  activeStaffInRegions: async (_m: EntityManager, codes: string[]) => PEOPLE.filter((p) => p.active && codes.includes(p.regionCode)),
} as unknown as PeopleDirectory;
const regions = {
  ancestry: async (_m: EntityManager, code: string) => (code === MEICUN ? CHAIN.map((c) => ({ code: c })) : []),
} as unknown as RegionScope;

const me = (id: string): StaffActor => ({ kind: 'staff', id, name: PEOPLE.find((p) => p.id === id)!.displayName });
const text = (a: string) => ({ created: '提交', confirmed: '确认', handed_over: '转交', note: '备注' })[a] ?? a;

describe('the case kit (in-process fakes)', () => {
  let store: MemoryCases;
  let sent: NotificationEvent[];
  let kit: CaseKit;
  const ref: CaseRef = { kind: 'allowance', subjectId: 'app-1' };

  beforeEach(async () => {
    store = new MemoryCases();
    sent = [];
    const outbox = { record: async (e: NotificationEvent) => (sent.push(e), 'recorded' as const) } as unknown as NotificationOutbox;
    kit = new CaseKit(store.asRepository(), people, regions, outbox);
    await kit.open(M, ref, MEICUN, { action: 'created', actor: { kind: 'resident', id: 'acc-1', name: '居民' }, at: T0 });
  });

  it('opens a case with its first log row and no owner', async () => {
    expect(await kit.file(M, ref)).toMatchObject({ communityCode: MEICUN, responsibleStaffId: null, handlerStaffId: null, closedAt: null });
    expect(store.logs.map((l) => [l.action, l.actorKind])).toEqual([['created', 'resident']]);
  });

  it('首问负责: the first staff member to take the case owns it; a second take changes nothing', async () => {
    expect(await kit.take(M, ref, me('a'), later(1))).toBe(true);
    expect(await kit.take(M, ref, me('b'), later(2))).toBe(false);
    expect(await kit.file(M, ref)).toMatchObject({ responsibleStaffId: 'a', handlerStaffId: 'a', responsibleAt: later(1) });
  });

  it('hands over with a reason: the colleague is told in the inbox and sees it under 转给我的; the first owner stays responsible', async () => {
    await kit.take(M, ref, me('a'), later(1));
    const { step } = await kit.handOver(M, ref, { from: me('a'), toStaffId: 'street', reason: '需要街道审核', at: later(2), caseTitle: '张桂英的高龄津贴申请', communityName: '梅村社区' });
    expect(await kit.file(M, ref)).toMatchObject({ responsibleStaffId: 'a', handlerStaffId: 'street' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: { kind: 'staff', id: 'street' }, type: 'case_handed_over', link: { kind: 'allowance', id: 'app-1' },
      data: { reason: '需要街道审核', fromName: '王芳', caseTitle: '张桂英的高龄津贴申请' }, idempotencyKey: `allowance:app-1:handover:${step.id}`,
    });
    expect((await kit.handedToMe(M, 'allowance', 'street', 1, 20)).items.map((f) => f.subjectId)).toEqual(['app-1']);
    // negative control: the owner's own case is not "handed to" them
    expect((await kit.handedToMe(M, 'allowance', 'a', 1, 20)).total).toBe(0);
  });

  it('a hand-over by a staff member who had not taken the case makes them responsible first', async () => {
    await kit.handOver(M, ref, { from: me('b'), toStaffId: 'a', reason: '王芳熟悉这户', at: later(1), caseTitle: 'x', communityName: '梅村社区' });
    expect(await kit.file(M, ref)).toMatchObject({ responsibleStaffId: 'b', handlerStaffId: 'a' });
  });

  it.each([
    ['oneself', 'a'],
    ['the current handler', 'a'],
    ['an inactive colleague', 'gone'],
    ['staff of another community', 'elsewhere'],
    ['an unknown id', 'nobody'],
  ])('refuses a hand-over to %s with HAND_OVER_TARGET_INVALID and writes nothing', async (_what, to) => {
    await kit.take(M, ref, me('a'), later(1));
    const before = store.logs.length;
    const from = _what === 'the current handler' ? me('b') : me('a');
    await expect(kit.handOver(M, ref, { from, toStaffId: to, reason: 'r', at: later(2), caseTitle: 'x', communityName: 'y' })).rejects.toMatchObject({ code: ErrorCode.HandOverTargetInvalid });
    expect(store.logs.length).toBe(before);
    expect(sent).toEqual([]);
    expect((await kit.file(M, ref))!.handlerStaffId).toBe('a');
  });

  it('refuses a hand-over of a closed case', async () => {
    await kit.close(M, ref, later(1));
    await expect(kit.handOver(M, ref, { from: me('a'), toStaffId: 'b', reason: 'r', at: later(2), caseTitle: 'x', communityName: 'y' })).rejects.toBeInstanceOf(DomainError);
  });

  it('the resident sees names only and never the internal text; staff see every step with the reason', async () => {
    await kit.take(M, ref, me('a'), later(1));
    await kit.log(M, ref, { action: 'confirmed', actor: me('a'), at: later(1), note: '请带户口本' });
    await kit.handOver(M, ref, { from: me('a'), toStaffId: 'b', reason: '我下午请假', at: later(2), caseTitle: 'x', communityName: 'y' });
    await kit.log(M, ref, { action: 'note', actor: me('b'), at: later(3), note: '老人听力不好，请大声说', visibleToResident: false });
    const resident = await kit.residentLog(M, ref, text);
    expect(resident.map((e) => [e.action, e.note])).toEqual([['created', null], ['confirmed', '请带户口本'], ['handed_over', '转交给李敏']]);
    expect(JSON.stringify(resident)).not.toContain('请假');
    expect(JSON.stringify(resident)).not.toContain('听力');
    const staffView = await kit.staffLog(M, ref, text);
    expect(staffView.map((e) => [e.action, e.note, e.internal])).toEqual([
      ['created', null, false], ['confirmed', '请带户口本', false], ['handed_over', '转交给李敏：我下午请假', false], ['note', '老人听力不好，请大声说', true],
    ]);
    expect(staffView[2].actionText).toBe('转交');
  });

  it('party views: residents get a name and a post, no id; colleagues get the id', async () => {
    const ps = await kit.people(M, ['a', 'street']);
    expect(kit.party(ps, 'a', '综合受理岗')).toEqual({ name: '王芳', post: '综合受理岗' });
    expect(kit.party(ps, 'street', '综合受理岗')).toEqual({ name: '赵强', post: '街道审核岗' });
    expect(kit.staffParty(ps, 'a', undefined)).toEqual({ staffId: 'a', name: '王芳', post: '综合服务岗' });
    expect(kit.party(ps, null, undefined)).toBeNull();
  });

  it('an overdue flag is raised once per reason and reaches each recipient; a closed case is not flagged', async () => {
    const message = { type: 'booking_flagged' as const, data: { serviceName: 's', personName: 'p', startsAt: T0.toISOString(), communityName: '梅村社区', reason: 'unconfirmed' as const, thresholdMinutes: 240 } };
    const recipients = await kit.flagRecipients(M, MEICUN, null);
    expect(recipients).toEqual(['a', 'b']);
    expect(await kit.flagOnce(M, ref, 'unconfirmed', recipients, message)).toBe(true);
    expect(await kit.flagOnce(M, ref, 'unconfirmed', recipients, message)).toBe(false);
    expect(sent.map((e) => [e.recipient.id, e.idempotencyKey])).toEqual([['a', 'allowance:app-1:flag:unconfirmed:a'], ['b', 'allowance:app-1:flag:unconfirmed:b']]);
    expect(await kit.flagOnce(M, ref, 'not_closed', recipients, message)).toBe(true);
    await kit.close(M, ref, later(5));
    const other: CaseRef = { kind: 'allowance', subjectId: 'app-2' };
    await kit.open(M, other, MEICUN, { action: 'created', actor: { kind: 'system', id: null, name: '系统' }, at: T0 });
    await kit.close(M, other, later(1));
    expect(await kit.flagOnce(M, other, 'unconfirmed', recipients, message)).toBe(false);
  });

  it('flag recipients: the named lead while active in the community, else every active staff member there', async () => {
    expect(await kit.flagRecipients(M, MEICUN, 'b')).toEqual(['b']);
    expect(await kit.flagRecipients(M, MEICUN, 'gone')).toEqual(['a', 'b']);
    expect(await kit.flagRecipients(M, MEICUN, 'street')).toEqual(['a', 'b']);
  });

  it('colleagues for a hand-over: active staff of the community, its street and the district', async () => {
    expect((await kit.colleagues(M, MEICUN)).map((p) => p.id).sort()).toEqual(['a', 'b', 'street']);
  });
});

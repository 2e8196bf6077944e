import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type CaseLogEntry, type CaseParty, type NotificationType, type StaffCaseLogEntry, type StaffCaseParty } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { PeopleDirectory, type StaffPerson } from '../identity/people.directory';
import { RegionScope } from '../identity/region.scope';
import type { NotificationDataOf } from '../notifications/notification-texts';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { CaseRepository, caseConditions } from './case.repository';
import type { CaseFileRecord, CaseKind, CaseRef, CaseStep, CaseStepRecord, StaffActor } from './case.types';

export type { CaseActor, CaseFileRecord, CaseKind, CaseRef, CaseStep, CaseStepRecord, StaffActor } from './case.types';

/** 岗位 of staff above the community; community staff carry the post their module configures (e.g. 综合服务岗) */
const ROLE_POST: Record<string, string> = { street_reviewer: '街道审核岗', district_admin: '区民政管理岗' };
const DEFAULT_POST = '综合服务岗';

// case-log ids sort in creation order (ms time + a per-process counter), the tie-breaker when two entries share created_at
let logCounter = 0;
function orderedId(): string {
  logCounter = (logCounter + 1) % 0x10000;
  const hex = Date.now().toString(16).padStart(12, '0') + logCounter.toString(16).padStart(4, '0') + randomBytes(8).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** what a staff-only flag message says: one of the module's staff notification types and its data */
export interface FlagMessage<T extends NotificationType> {
  type: T;
  data: NotificationDataOf[T];
}

/**
 * The case kit (issue 10 item 1): what every module that handles residents' cases shares — ownership (首问负责制),
 * the case log, hand-over with reason, overdue flags to the community's lead, and the resident- and staff-facing
 * views of the log. Every write takes the caller's transaction (`tx`): the module's own change, the kit's rows and
 * the outbox messages commit or roll back together. See README.md in this folder.
 */
@Injectable()
export class CaseKit {
  /** conditions for a module's own list queries (owned-or-handled-by, not-yet-flagged); see caseConditions */
  readonly conditions = caseConditions;

  constructor(
    private readonly repo: CaseRepository,
    private readonly peopleDir: PeopleDirectory,
    private readonly regions: RegionScope,
    private readonly outbox: NotificationOutbox,
  ) {}

  // ---- writing ----

  /** a log row built now, written later (e.g. to put it in a response stored before the write) */
  step(ref: CaseRef, s: CaseStep): CaseStepRecord {
    return {
      id: orderedId(), kind: ref.kind, subjectId: ref.subjectId, action: s.action, actorKind: s.actor.kind, actorId: s.actor.id,
      actorName: s.actor.name.slice(0, 64), note: s.note?.slice(0, 500) ?? null, internalNote: s.internalNote?.slice(0, 500) ?? null,
      visibleToResident: s.visibleToResident ?? true, createdAt: s.at,
    };
  }

  /** opens a case (its file and its first log row). `owner`: a staff member who takes it at once (e.g. a walk-in) */
  async open(tx: EntityManager, ref: CaseRef, communityCode: string, first: CaseStep | CaseStepRecord, owner?: StaffActor): Promise<CaseStepRecord> {
    const row = 'id' in first ? first : this.step(ref, first);
    await this.repo.insertFile(tx, {
      kind: ref.kind, subjectId: ref.subjectId, communityCode, responsibleStaffId: owner?.id ?? null, responsibleAt: owner ? row.createdAt : null,
      handlerStaffId: owner?.id ?? null, flaggedReason: null, createdAt: row.createdAt, updatedAt: row.createdAt, closedAt: null,
    });
    await this.repo.insertLog(tx, row);
    return row;
  }

  /** one more step in the case log (visible to the resident unless `visibleToResident: false`) */
  async log(tx: EntityManager, ref: CaseRef, s: CaseStep | CaseStepRecord): Promise<CaseStepRecord> {
    const row = 'id' in s ? s : this.step(ref, s);
    await this.repo.insertLog(tx, row);
    return row;
  }

  /** 首问负责: the first staff member who acts on the case owns it to the end; true when this call made them owner */
  take(tx: EntityManager, ref: CaseRef, staff: StaffActor, at: Date): Promise<boolean> {
    return this.repo.claim(tx, ref, staff.id, at);
  }

  /**
   * The case moves to another community (e.g. the registry puts the person's hukou there): the new community's staff
   * see it in their lists and own it — the old owner keeps it only when their region also covers the new community
   * (a street or district colleague). One log row says where it went (`step`). False when it was there already.
   */
  async moveCommunity(tx: EntityManager, ref: CaseRef, toCommunityCode: string, step: CaseStep): Promise<boolean> {
    const file = await this.repo.file(tx, ref);
    if (!file || file.communityCode === toCommunityCode) return false;
    const chain = (await this.regions.ancestry(tx, toCommunityCode)).map((r) => r.code);
    const [owner] = file.responsibleStaffId ? await this.peopleDir.staffByIds(tx, [file.responsibleStaffId]) : [];
    const [handler] = file.handlerStaffId ? await this.peopleDir.staffByIds(tx, [file.handlerStaffId]) : [];
    const keepOwner = !!owner && chain.includes(owner.regionCode) && (!handler || chain.includes(handler.regionCode));
    if (!(await this.repo.moveCommunity(tx, ref, toCommunityCode, keepOwner, step.at))) return false;
    await this.log(tx, ref, step);
    return true;
  }

  /** the case is finished: no more overdue flags, no more hand-overs */
  close(tx: EntityManager, ref: CaseRef, at: Date): Promise<void> {
    return this.repo.close(tx, ref, at);
  }

  /**
   * Hands the case to a colleague serving the case's community (its own staff, or the street's / district's). The
   * first owner stays responsible; only the handler changes. The resident's log says to whom; the reason stays
   * internal. The colleague gets an inbox message and finds the case under 转给我的. HAND_OVER_TARGET_INVALID for an
   * unknown, inactive or out-of-area colleague, oneself, or the current handler.
   */
  async handOver(
    tx: EntityManager,
    ref: CaseRef,
    input: { from: StaffActor; toStaffId: string; reason: string; at: Date; caseTitle: string; communityName: string },
  ): Promise<{ target: StaffPerson; step: CaseStepRecord }> {
    const file = await this.repo.file(tx, ref);
    if (!file || file.closedAt) throw new DomainError(ErrorCode.Conflict, 'the case is closed');
    const [target] = await this.peopleDir.staffByIds(tx, [input.toStaffId]);
    const chain = (await this.regions.ancestry(tx, file.communityCode)).map((r) => r.code);
    const handler = file.handlerStaffId ?? input.from.id;
    if (!target || !target.active || target.id === input.from.id || target.id === handler || !chain.includes(target.regionCode)) {
      throw new DomainError(ErrorCode.HandOverTargetInvalid, 'cannot hand over to that colleague');
    }
    await this.repo.claim(tx, ref, input.from.id, input.at);
    if (!(await this.repo.moveHandler(tx, ref, handler, target.id, input.at))) throw new DomainError(ErrorCode.Conflict, 'the case changed meanwhile; please retry');
    const step = await this.log(tx, ref, { action: 'handed_over', actor: input.from, at: input.at, note: `转交给${target.displayName}`, internalNote: input.reason });
    await this.outbox.record({
      recipient: { kind: 'staff', id: target.id },
      type: 'case_handed_over',
      data: { caseTitle: input.caseTitle, fromName: input.from.name, reason: input.reason, communityName: input.communityName },
      idempotencyKey: `${ref.kind}:${ref.subjectId}:handover:${step.id}`,
      link: { kind: ref.kind, id: ref.subjectId },
    });
    return { target, step };
  }

  /**
   * Raises an overdue flag once per case and reason (a conditional UPDATE in the caller's transaction) and tells each
   * recipient in the inbox (key `<kind>:<id>:flag:<reason>:<staff>`). False when that flag was raised already or the
   * case is closed.
   */
  async flagOnce<T extends NotificationType>(tx: EntityManager, ref: CaseRef, reason: string, recipients: string[], message: FlagMessage<T>): Promise<boolean> {
    if (!(await this.repo.flag(tx, ref, reason))) return false;
    for (const staffId of recipients) {
      await this.outbox.record({
        recipient: { kind: 'staff', id: staffId },
        type: message.type,
        data: message.data,
        idempotencyKey: `${ref.kind}:${ref.subjectId}:flag:${reason}:${staffId}`,
        link: { kind: ref.kind, id: ref.subjectId },
      });
    }
    return true;
  }

  // ---- reading ----

  /** the staff member as a case actor (display name from identity) */
  async actor(m: EntityManager, staffId: string): Promise<StaffActor> {
    const [me] = await this.peopleDir.staffByIds(m, [staffId]);
    return { kind: 'staff', id: staffId, name: me?.displayName ?? '工作人员' };
  }

  file(m: EntityManager, ref: CaseRef): Promise<CaseFileRecord | null> {
    return this.repo.file(m, ref);
  }

  async files(m: EntityManager, kind: CaseKind, subjectIds: string[]): Promise<Map<string, CaseFileRecord>> {
    return new Map((await this.repo.files(m, kind, subjectIds)).map((f) => [f.subjectId, f]));
  }

  /** who hears about an overdue case: the community's named lead while they are active there, else all its active staff */
  async flagRecipients(m: EntityManager, communityCode: string, leadStaffId: string | null): Promise<string[]> {
    const [lead] = leadStaffId ? await this.peopleDir.staffByIds(m, [leadStaffId]) : [];
    const people = lead && lead.active && lead.regionCode === communityCode ? [lead] : await this.peopleDir.activeStaffInRegions(m, [communityCode]);
    return people.map((p) => p.id);
  }

  /** colleagues a case of this community can be handed to: active staff of the community, its street and the district */
  async colleagues(m: EntityManager, communityCode: string): Promise<StaffPerson[]> {
    const chain = (await this.regions.ancestry(m, communityCode)).map((r) => r.code);
    return chain.length ? this.peopleDir.activeStaffInRegions(m, chain) : [];
  }

  /** 转给我的: open cases of this kind a colleague handed to the staff member, newest hand-over first */
  async handedToMe(m: EntityManager, kind: CaseKind, staffId: string, page: number, pageSize: number): Promise<{ items: CaseFileRecord[]; total: number }> {
    const { rows, total } = await this.repo.pageHandedTo(m, kind, staffId, page, pageSize);
    return { items: rows, total };
  }

  /** staff by id, for party views of many cases at once */
  async people(m: EntityManager, staffIds: (string | null)[]): Promise<Map<string, StaffPerson>> {
    return new Map((await this.peopleDir.staffByIds(m, staffIds)).map((p) => [p.id, p]));
  }

  // ---- views ----

  /** a staff member as a resident sees them: name and post, no id (null when nobody holds the role) */
  party(people: ReadonlyMap<string, StaffPerson>, staffId: string | null, communityPost: string | undefined): CaseParty | null {
    if (!staffId) return null;
    const s = people.get(staffId);
    return { name: s?.displayName ?? '工作人员', post: (s && ROLE_POST[s.role]) ?? communityPost ?? DEFAULT_POST };
  }

  /** a staff member as colleagues see them (with the id a hand-over picks) */
  staffParty(people: ReadonlyMap<string, StaffPerson>, staffId: string | null, communityPost: string | undefined): StaffCaseParty | null {
    const p = this.party(people, staffId, communityPost);
    return p && staffId ? { staffId, ...p } : null;
  }

  /** the log rows of a case in order (only those visible to the resident when `residentView`), to render later */
  logRows(m: EntityManager, ref: CaseRef, residentView = false): Promise<CaseStepRecord[]> {
    return this.repo.logs(m, ref, residentView);
  }

  async residentLog(m: EntityManager, ref: CaseRef, actionText: (action: string) => string): Promise<CaseLogEntry[]> {
    return this.residentEntries(await this.repo.logs(m, ref, true), actionText);
  }

  async staffLog(m: EntityManager, ref: CaseRef, actionText: (action: string) => string): Promise<StaffCaseLogEntry[]> {
    return this.staffEntries(await this.repo.logs(m, ref, false), actionText);
  }

  /** the resident's view of log rows: steps visible to them, never the internal text */
  residentEntries(rows: readonly CaseStepRecord[], actionText: (action: string) => string): CaseLogEntry[] {
    return rows.filter((r) => r.visibleToResident).map((r) => ({
      id: r.id, action: r.action, actionText: actionText(r.action), actorName: r.actorName, actorKind: r.actorKind, note: r.note, at: r.createdAt.toISOString(),
    }));
  }

  /** the staff view: every step; the internal text follows the resident-facing note */
  staffEntries(rows: readonly CaseStepRecord[], actionText: (action: string) => string): StaffCaseLogEntry[] {
    return rows.map((r) => ({
      id: r.id, action: r.action, actionText: actionText(r.action), actorName: r.actorName, actorKind: r.actorKind,
      note: r.internalNote ? (r.note ? `${r.note}：${r.internalNote}` : r.internalNote) : r.note, at: r.createdAt.toISOString(), internal: !r.visibleToResident,
    }));
  }
}

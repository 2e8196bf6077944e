import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode, PROXY_INVITATION_PAGE, RELATIONSHIP_TEXT, maskPersonName, parseIdNumber,
  type ProxyVerificationView, type relationships,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from './caller';
import type { FamilyMemberEntity } from './entities/family-member.entity';
import type { FamilyProxyEntity } from './entities/family-proxy.entity';
import type { ProxyInvitationEntity } from './entities/proxy-invitation.entity';
import type { IdentityAuditEntity } from './entities/identity-audit.entity';
import { AccountRepository } from './identity.repository';
import { toProxyVerification } from './identity.mapper';
import { ProxyDirectory } from './proxy.directory';
import { ProxyRepository, type ProxyRevoker } from './proxies.repository';
import { RegionScope } from './region.scope';
import { RegistryNames } from './registry-names';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;
type Audit = Pick<IdentityAuditEntity, 'actorKind' | 'actorId' | 'action' | 'objectKind' | 'objectId' | 'result'> & { detail?: Record<string, unknown> };

export const INVITATION_TTL_HOURS = 72;
const hashCode = (code: string) => createHash('sha256').update(`proxy-invitation:${code}`).digest('hex');
const notFound = () => new DomainError(ErrorCode.NotFound, 'no such family member');

// who may act for whom: household matches through the registry, staff confirmation at the centre, the elder's own
// confirmation of an invitation; revocation by the elder (one proxy, or all by withdrawing consent) or by staff.
// Every decision, granted or refused, lands in identity_audit.
@Injectable()
export class ProxyService {
  constructor(
    private readonly db: Db,
    private readonly proxies: ProxyRepository,
    private readonly accounts: AccountRepository,
    private readonly directory: ProxyDirectory,
    private readonly registry: RegistryNames,
    private readonly scope: RegionScope,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  // (a) the registry shows the verified resident and the elder in one household
  async checkHousehold(caller: Resident, memberId: string): Promise<{ id: string; verification: ProxyVerificationView }> {
    const { member, identity, current } = await this.db.read(async (m) => {
      const member = await this.proxies.findMember(m, memberId);
      if (!member || member.accountId !== caller.accountId) throw notFound();
      return { member, identity: await this.proxies.findIdentity(m, caller.accountId), current: await this.proxies.findProxy(m, member.id) };
    });
    const now = toProxyVerification(member, current ?? undefined);
    if (now.state === 'verified') return { id: member.id, verification: now };
    if (!identity) throw new DomainError(ErrorCode.RealNameRequired, 'verify your own identity first');
    const answer = await this.registry.sameHousehold(this.cipher.decrypt(identity.idNumberEnc), this.cipher.decrypt(member.idNumberEnc));
    if (answer.kind === 'unavailable') throw new DomainError(ErrorCode.HouseholdCheckUnavailable, 'the registry cannot answer now');
    const actor = { actorKind: 'resident' as const, actorId: caller.accountId, objectKind: 'family_member' as const, objectId: member.id };
    if (answer.kind === 'different') {
      await this.db.transaction((tx) => this.audit(tx, { ...actor, action: 'proxy.household', result: 'refused', detail: { reason: 'not_same_household' } }));
      throw new DomainError(ErrorCode.NotSameHousehold, 'the registry does not show you in one household');
    }
    const row = await this.db.transaction(async (tx) => {
      if (await this.proxies.wasRevoked(tx, caller.accountId, member.idNumberHash)) {
        await this.audit(tx, { ...actor, action: 'proxy.household', result: 'refused', detail: { reason: 'revoked' } });
        return null;
      }
      const verified = this.verifiedRow(member, { via: 'household', verifiedByKind: 'registry', verifiedById: null, verifiedName: answer.elderName });
      await this.proxies.saveVerified(tx, verified);
      await this.audit(tx, { ...actor, action: 'proxy.household', result: 'ok' });
      return verified;
    });
    if (!row) throw new DomainError(ErrorCode.ProxyRevoked, 'this relation was revoked; staff can restore it');
    return { id: member.id, verification: toProxyVerification(member, row) };
  }

  // every unverified family member of a freshly verified resident: a household match is tried (best effort)
  async tryHouseholds(caller: Resident): Promise<void> {
    const members = await this.db.read((m) => this.proxies.membersOfAccount(m, caller.accountId));
    for (const member of members) {
      await this.checkHousehold(caller, member.id).catch(() => undefined);
    }
  }

  // (c) step 1: the family member asks the elder to confirm from the elder's own WeChat
  async createInvitation(caller: Resident, memberId: string) {
    const code = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_HOURS * 3600_000);
    await this.db.transaction(async (tx) => {
      const member = await this.proxies.findMember(tx, memberId);
      if (!member || member.accountId !== caller.accountId) throw notFound();
      const row: ProxyInvitationEntity = {
        id: randomUUID(), familyMemberId: member.id, inviterAccountId: caller.accountId, codeHash: hashCode(code), expiresAt, usedAt: null, usedByAccountId: null, createdAt: now,
      };
      if ((await this.proxies.insertInvitation(tx, row)) === 'duplicate') throw new DomainError(ErrorCode.Conflict, 'try again');
      await this.audit(tx, { actorKind: 'resident', actorId: caller.accountId, action: 'invitation.create', objectKind: 'family_member', objectId: member.id, result: 'ok', detail: { invitationId: row.id } });
    });
    return { code, path: `${PROXY_INVITATION_PAGE}?code=${code}`, expiresAt: expiresAt.toISOString() };
  }

  async previewInvitation(_caller: Resident, code: string) {
    return this.db.read(async (m) => {
      const { invitation, member } = await this.usableInvitation(m, code);
      const inviter = await this.accounts.findResident(m, invitation.inviterAccountId);
      return {
        inviterName: inviter?.displayName ?? '您的家人',
        relationship: RELATIONSHIP_TEXT[member.relationship as (typeof relationships)[number]] ?? '其他亲属',
        elderNameMasked: maskPersonName(member.name),
        expiresAt: invitation.expiresAt.toISOString(),
      };
    });
  }

  // (c) step 2: the elder (verified) or an already verified proxy of the elder confirms; single use, before expiry
  async acceptInvitation(caller: Resident, code: string): Promise<{ ok: true }> {
    const now = this.clock.now();
    const refused = await this.db.transaction(async (tx) => {
      const { invitation, member } = await this.usableInvitation(tx, code);
      const actor = { actorKind: 'resident' as const, actorId: caller.accountId, objectKind: 'invitation' as const, objectId: invitation.id };
      const identity = await this.proxies.findIdentity(tx, caller.accountId);
      const isElder = identity?.idNumberHash === member.idNumberHash;
      const isProxy = caller.accountId !== invitation.inviterAccountId && (await this.directory.isVerifiedProxyFor(tx, caller.accountId, member.idNumberHash));
      if (!isElder && !isProxy) {
        await this.audit(tx, { ...actor, action: 'invitation.accept', result: 'refused', detail: { reason: identity ? 'not_for_you' : 'not_verified' } });
        return identity ? ErrorCode.InvitationNotForYou : ErrorCode.RealNameRequired;
      }
      // the elder's own word overrides an earlier revocation; another proxy's does not
      if (!isElder && (await this.proxies.wasRevoked(tx, member.accountId, member.idNumberHash))) {
        await this.audit(tx, { ...actor, action: 'invitation.accept', result: 'refused', detail: { reason: 'revoked' } });
        return ErrorCode.ProxyRevoked;
      }
      if (!(await this.proxies.spendInvitation(tx, invitation.id, caller.accountId, now))) return ErrorCode.InvitationUsed;
      const verifiedName = isElder ? identity!.name : null;
      await this.proxies.saveVerified(tx, this.verifiedRow(member, { via: 'invitation', verifiedByKind: 'resident', verifiedById: caller.accountId, verifiedName }));
      await this.audit(tx, { ...actor, action: 'invitation.accept', result: 'ok', detail: { familyMemberId: member.id, as: isElder ? 'elder' : 'proxy' } });
      return null;
    });
    if (refused) throw new DomainError(refused, 'the invitation cannot be confirmed by this account');
    return { ok: true };
  }

  // the elder's own list of accounts acting for them (their own rows left out)
  async myProxies(caller: Resident) {
    return this.db.read(async (m) => {
      const identity = await this.proxies.findIdentity(m, caller.accountId);
      if (!identity) throw new DomainError(ErrorCode.RealNameRequired, 'verify your own identity first');
      const { members, proxies } = await this.proxies.membersForElder(m, identity.idNumberHash);
      const others = members.filter((f) => f.accountId !== caller.accountId);
      const names = new Map((others.length ? await this.accounts.findResidents(m, others.map((f) => f.accountId)) : []).map((a) => [a.id, a.displayName]));
      const byMember = new Map(proxies.map((p) => [p.familyMemberId, p]));
      const items = others.map((f) => ({
        id: f.id, accountName: names.get(f.accountId) ?? '居民',
        relationship: RELATIONSHIP_TEXT[f.relationship as (typeof relationships)[number]] ?? '其他亲属',
        verification: toProxyVerification(f, byMember.get(f.id)),
      }));
      return { items };
    });
  }

  async revokeByElder(caller: Resident, memberId: string): Promise<{ ok: true }> {
    await this.db.transaction(async (tx) => {
      const identity = await this.proxies.findIdentity(tx, caller.accountId);
      if (!identity) throw new DomainError(ErrorCode.RealNameRequired, 'verify your own identity first');
      const member = await this.proxies.findMember(tx, memberId);
      // only relations to the signed-in elder; anything else answers like a missing id
      if (!member || member.idNumberHash !== identity.idNumberHash || member.accountId === caller.accountId) throw notFound();
      await this.revoke(tx, member, 'elder', { actorKind: 'resident', actorId: caller.accountId });
    });
    return { ok: true };
  }

  // consent withdrawn: every relation to the elder is revoked at once
  async withdrawConsent(caller: Resident): Promise<{ ok: true }> {
    await this.db.transaction(async (tx) => {
      const identity = await this.proxies.findIdentity(tx, caller.accountId);
      if (!identity) throw new DomainError(ErrorCode.RealNameRequired, 'verify your own identity first');
      const { members } = await this.proxies.membersForElder(tx, identity.idNumberHash);
      for (const member of members.filter((f) => f.accountId !== caller.accountId)) {
        await this.revoke(tx, member, 'consent_withdrawn', { actorKind: 'resident', actorId: caller.accountId });
      }
    });
    return { ok: true };
  }

  // (b) staff saw the elder's ID card at the centre: the family member is the person on it
  async confirmByStaff(staff: Staff, memberId: string, input: { elderIdNumber: string; elderName: string }) {
    const parsed = parseIdNumber(input.elderIdNumber, this.clock.today());
    if (!parsed.ok) throw new DomainError(ErrorCode.IdNumberInvalid, parsed.message, { problem: parsed.problem });
    const outcome = await this.db.transaction(async (tx) => {
      const member = await this.memberInScope(tx, staff, memberId);
      const actor = { actorKind: 'staff' as const, actorId: staff.staffId, objectKind: 'family_member' as const, objectId: member.id };
      if (!this.cipher.blindIndexes('id_number', parsed.id.value).includes(member.idNumberHash)) {
        await this.audit(tx, { ...actor, action: 'proxy.staff_confirm', result: 'refused', detail: { reason: 'id_mismatch' } });
        return { kind: 'refused', code: ErrorCode.ElderIdMismatch } as const;
      }
      if (!(await this.proxies.findIdentity(tx, member.accountId))) {
        await this.audit(tx, { ...actor, action: 'proxy.staff_confirm', result: 'refused', detail: { reason: 'account_not_verified' } });
        return { kind: 'refused', code: ErrorCode.RealNameRequired } as const;
      }
      const row = this.verifiedRow(member, { via: 'staff', verifiedByKind: 'staff', verifiedById: staff.staffId, verifiedName: input.elderName });
      await this.proxies.saveVerified(tx, row);
      await this.audit(tx, { ...actor, action: 'proxy.staff_confirm', result: 'ok' });
      return { kind: 'ok', member, row } as const;
    });
    if (outcome.kind === 'refused') throw new DomainError(outcome.code, 'the relation cannot be confirmed');
    return { id: outcome.member.id, verification: toProxyVerification(outcome.member, outcome.row) };
  }

  async revokeByStaff(staff: Staff, memberId: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const member = await this.memberInScope(tx, staff, memberId);
      const row = await this.revoke(tx, member, 'staff', { actorKind: 'staff', actorId: staff.staffId }, { reason });
      return { id: member.id, verification: toProxyVerification(member, row) };
    });
  }

  private async memberInScope(m: EntityManager, staff: Staff, memberId: string): Promise<FamilyMemberEntity> {
    const member = await this.proxies.findMember(m, memberId);
    if (!member) throw notFound();
    // a family member outside the staff member's region answers exactly like a missing one
    await this.scope.assertCovers(m, staff, member.communityCode);
    return member;
  }

  private async revoke(
    tx: EntityManager, member: FamilyMemberEntity, by: ProxyRevoker, actor: Pick<Audit, 'actorKind' | 'actorId'>, detail: Record<string, unknown> = {},
  ): Promise<FamilyProxyEntity> {
    const now = this.clock.now();
    const existing = await this.proxies.findProxy(tx, member.id);
    let row: FamilyProxyEntity;
    if (existing && existing.idNumberHash === member.idNumberHash && existing.state === 'verified') {
      await this.proxies.revoke(tx, member.id, by, actor.actorId, now);
      row = { ...existing, state: 'revoked', revokedAt: now, revokedBy: by, revokedById: actor.actorId };
    } else {
      // never verified (or already revoked): remember the block so no later household match or invitation lifts it
      row = { ...this.verifiedRow(member, { via: null, verifiedByKind: null, verifiedById: null, verifiedName: null }), verifiedAt: null, state: 'revoked', revokedAt: now, revokedBy: by, revokedById: actor.actorId };
      await this.proxies.saveVerified(tx, row);
    }
    await this.audit(tx, { ...actor, action: `proxy.revoke.${by}`, objectKind: 'family_member', objectId: member.id, result: 'ok', detail });
    return row;
  }

  private verifiedRow(
    member: FamilyMemberEntity, how: Pick<FamilyProxyEntity, 'via' | 'verifiedByKind' | 'verifiedById' | 'verifiedName'>,
  ): FamilyProxyEntity {
    return {
      familyMemberId: member.id, accountId: member.accountId, idNumberHash: member.idNumberHash, state: 'verified', ...how,
      verifiedAt: this.clock.now(), revokedAt: null, revokedBy: null, revokedById: null,
    };
  }

  private async usableInvitation(m: EntityManager, code: string) {
    const invitation = await this.proxies.findInvitation(m, hashCode(code));
    if (!invitation) throw new DomainError(ErrorCode.NotFound, 'no such invitation');
    if (invitation.usedAt) throw new DomainError(ErrorCode.InvitationUsed, 'this invitation was used already');
    if (invitation.expiresAt.getTime() <= this.clock.now().getTime()) throw new DomainError(ErrorCode.InvitationExpired, 'this invitation expired');
    const member = await this.proxies.findMember(m, invitation.familyMemberId);
    if (!member) throw new DomainError(ErrorCode.NotFound, 'no such invitation');
    return { invitation, member };
  }

  async audit(m: EntityManager, a: Audit): Promise<void> {
    const { detail, ...rest } = a;
    await this.proxies.audit(m, { id: randomUUID(), at: this.clock.now(), ...rest, detailJson: JSON.stringify(detail ?? {}) });
  }
}

import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { EntityManager } from 'typeorm';
import { hashPassword } from './password-hash';
import {
  ErrorCode, STAFF_ROLE_LEVEL, STAFF_ROLE_TEXT,
  type ChangeOwnPasswordInput, type CreateStaffInput, type StaffAccountDetail, type StaffAccountsQuery, type StaffAccountView, type UpdateStaffInput,
} from '@jianban/shared';
import { AppConfig } from '../common/config';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from './caller';
import type { RegionEntity } from './entities/region.entity';
import type { StaffAccountEntity } from './entities/staff-account.entity';
import type { StaffAuditEntity } from './entities/staff-audit.entity';
import { toRegionView } from './identity.mapper';
import { RegionRepository, SessionRepository } from './identity.repository';
import { StaffAdminRepository } from './staff-admin.repository';

type Staff = Extract<Caller, { kind: 'staff' }>;
type Change = { field: 'displayName' | 'role' | 'regionCode'; from: string; to: string };

// readable when read aloud or copied from paper: no 0/O, 1/l/I
const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function temporaryPassword(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join(''));
  return groups.join('-');
}

@Injectable()
export class StaffAdminService {
  constructor(
    private readonly db: Db,
    private readonly staff: StaffAdminRepository,
    private readonly regions: RegionRepository,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private hash(password: string): Promise<string> {
    return hashPassword(this.config, password);
  }

  async list(caller: Staff, q: StaffAccountsQuery) {
    return this.db.read(async (m) => {
      const all = await this.regions.findAll(m);
      const scope = this.scopeCodes(caller, all);
      const { rows, total } = await this.staff.page(m, { regionCodes: scope, q: q.q || undefined, status: q.status, page: q.page, pageSize: q.pageSize });
      const byCode = new Map(all.map((r) => [r.code, r]));
      return { items: rows.map((s) => this.view(s, byCode)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async detail(caller: Staff, id: string): Promise<StaffAccountDetail> {
    return this.db.read(async (m) => {
      const all = await this.regions.findAll(m);
      const byCode = new Map(all.map((r) => [r.code, r]));
      const s = await this.staff.find(m, id);
      const scope = this.scopeCodes(caller, all);
      // an account outside the reader's street answers like one that does not exist
      if (!s || (scope && !scope.includes(s.regionCode))) throw new DomainError(ErrorCode.NotFound, 'no such staff account in your scope');
      const audit = await this.staff.auditOf(m, id);
      const actors = new Map((await this.staff.findMany(m, audit.map((a) => a.actorStaffId))).map((a) => [a.id, a.displayName]));
      return { account: this.view(s, byCode), audit: audit.map((a) => this.auditView(a, actors, byCode)) };
    });
  }

  async create(caller: Staff, input: CreateStaffInput) {
    const password = temporaryPassword();
    const hash = await this.hash(password);
    const now = this.clock.now();
    const id = randomUUID();
    const row = await this.db.retrying(async (tx) => {
      await this.assertRoleFits(tx, input.role, input.regionCode);
      const account: StaffAccountEntity = {
        id, username: input.username, displayName: input.displayName, role: input.role, regionCode: input.regionCode,
        passwordHash: hash, openidHash: null, active: true, mustChangePassword: true, createdAt: now, updatedAt: now,
      };
      if ((await this.staff.insert(tx, account)) === 'duplicate') throw new DomainError(ErrorCode.StaffUsernameTaken, 'username already taken');
      await this.audit(tx, caller, id, 'create', [
        { field: 'displayName', from: '', to: input.displayName }, { field: 'role', from: '', to: input.role }, { field: 'regionCode', from: '', to: input.regionCode },
      ]);
      return account;
    });
    return { account: await this.viewOne(row), temporaryPassword: password };
  }

  async update(caller: Staff, id: string, input: UpdateStaffInput): Promise<StaffAccountView> {
    const now = this.clock.now();
    const row = await this.db.retrying(async (tx) => {
      const s = await this.requireAccount(tx, id);
      const next = { displayName: input.displayName ?? s.displayName, role: input.role ?? s.role, regionCode: input.regionCode ?? s.regionCode };
      const changes: Change[] = (['displayName', 'role', 'regionCode'] as const)
        .filter((f) => next[f] !== s[f])
        .map((f) => ({ field: f, from: s[f], to: next[f] }));
      if (!changes.length) return s;
      if (next.role !== s.role || next.regionCode !== s.regionCode) {
        await this.assertRoleFits(tx, next.role, next.regionCode);
        if (s.active && s.role === 'district_admin' && next.role !== 'district_admin') await this.assertNotLastAdmin(tx, caller, s, now);
      }
      await this.staff.update(tx, id, next, now);
      await this.audit(tx, caller, id, 'update', changes);
      return { ...s, ...next, updatedAt: now };
    });
    return this.viewOne(row);
  }

  async setActive(caller: Staff, id: string, active: boolean): Promise<StaffAccountView> {
    const now = this.clock.now();
    const row = await this.db.retrying(async (tx) => {
      const s = await this.requireAccount(tx, id);
      if (s.active === active) return s;
      if (!active) {
        if (s.role === 'district_admin') await this.assertNotLastAdmin(tx, caller, s, now);
        else if (s.id === caller.staffId) throw new DomainError(ErrorCode.StaffOwnAccount, 'a staff member cannot deactivate their own account');
        await this.sessions.revokeStaffSessions(tx, id, now);
      }
      await this.staff.update(tx, id, { active }, now);
      await this.audit(tx, caller, id, active ? 'activate' : 'deactivate', []);
      return { ...s, active, updatedAt: now };
    });
    return this.viewOne(row);
  }

  async resetPassword(caller: Staff, id: string) {
    const password = temporaryPassword();
    const hash = await this.hash(password);
    const now = this.clock.now();
    const row = await this.db.retrying(async (tx) => {
      const s = await this.requireAccount(tx, id);
      if (s.id === caller.staffId) throw new DomainError(ErrorCode.StaffOwnAccount, 'change your own password with your current one');
      await this.staff.update(tx, id, { passwordHash: hash, mustChangePassword: true }, now);
      // whoever holds a session of this account loses it: the reset is often because a password got out
      await this.sessions.revokeStaffSessions(tx, id, now);
      await this.audit(tx, caller, id, 'reset_password', []);
      return { ...s, passwordHash: hash, mustChangePassword: true, updatedAt: now };
    });
    return { account: await this.viewOne(row), temporaryPassword: password };
  }

  async changeOwnPassword(caller: Staff, input: ChangeOwnPasswordInput): Promise<void> {
    const s = await this.db.read((m) => this.staff.find(m, caller.staffId));
    const ok = !!s?.passwordHash && (await argon2.verify(s.passwordHash, input.currentPassword).catch(() => false));
    if (!s || !ok) throw new DomainError(ErrorCode.InvalidCredentials, 'current password is wrong');
    const issue = (message: string) => new DomainError(ErrorCode.Validation, message, [{ path: 'newPassword', message }]);
    if (input.newPassword === input.currentPassword) throw issue('新密码不能和现在的密码一样');
    if (input.newPassword.toLowerCase().includes(s.username)) throw issue('新密码里不能有用户名');
    const hash = await this.hash(input.newPassword);
    const now = this.clock.now();
    await this.db.retrying(async (tx) => {
      await this.staff.update(tx, s.id, { passwordHash: hash, mustChangePassword: false }, now);
      // other devices signed in with the old password are signed out; this one stays
      await this.sessions.revokeStaffSessions(tx, s.id, now, caller.sessionId);
      await this.audit(tx, caller, s.id, 'change_password', []);
    });
  }

  // street reviewers read the staff of their street and its communities; the district admin reads everyone
  private scopeCodes(caller: Staff, all: RegionEntity[]): string[] | null {
    if (caller.role === 'district_admin') return null;
    if (caller.role !== 'street_reviewer') return [];
    return all.filter((r) => r.code === caller.regionCode || r.parentCode === caller.regionCode).map((r) => r.code);
  }

  private async requireAccount(m: EntityManager, id: string): Promise<StaffAccountEntity> {
    const s = await this.staff.find(m, id);
    if (!s) throw new DomainError(ErrorCode.NotFound, 'no such staff account');
    return s;
  }

  private async assertRoleFits(m: EntityManager, role: StaffAccountEntity['role'], regionCode: string): Promise<void> {
    const region = await this.regions.find(m, regionCode);
    if (!region || region.level !== STAFF_ROLE_LEVEL[role]) {
      throw new DomainError(ErrorCode.StaffRegionMismatch, `role ${role} works at ${STAFF_ROLE_LEVEL[role]} level`, [
        { path: 'regionCode', message: `${STAFF_ROLE_TEXT[role]}要选${({ community: '一个社区或村', street: '一个街道或镇', district: '全区' } as const)[STAFF_ROLE_LEVEL[role]]}` },
      ]);
    }
  }

  private async assertNotLastAdmin(m: EntityManager, caller: Staff, target: StaffAccountEntity, now: Date): Promise<void> {
    if (target.id === caller.staffId) throw new DomainError(ErrorCode.StaffOwnAccount, 'an admin cannot deactivate or demote themself');
    if ((await this.staff.lockActiveDistrictAdmins(m, now)) <= 1) throw new DomainError(ErrorCode.LastDistrictAdmin, 'the last active district admin must stay');
  }

  private audit(m: EntityManager, caller: Staff, targetStaffId: string, action: StaffAuditEntity['action'], changes: Change[]) {
    return this.staff.insertAudit(m, { id: randomUUID(), at: this.clock.now(), actorStaffId: caller.staffId, targetStaffId, action, changesJson: JSON.stringify(changes) });
  }

  private async viewOne(s: StaffAccountEntity): Promise<StaffAccountView> {
    const region = await this.db.read((m) => this.regions.find(m, s.regionCode));
    return this.view(s, new Map(region ? [[region.code, region]] : []));
  }

  private view(s: StaffAccountEntity, byCode: Map<string, RegionEntity>): StaffAccountView {
    const region = byCode.get(s.regionCode);
    return {
      id: s.id, username: s.username, displayName: s.displayName, role: s.role,
      region: region ? toRegionView(region) : { code: s.regionCode, name: s.regionCode, level: STAFF_ROLE_LEVEL[s.role], parentCode: null },
      active: s.active, mustChangePassword: s.mustChangePassword, wechatBound: s.openidHash !== null,
      createdAt: new Date(s.createdAt).toISOString(), updatedAt: new Date(s.updatedAt).toISOString(),
    };
  }

  private auditView(a: StaffAuditEntity, actors: Map<string, string>, byCode: Map<string, RegionEntity>) {
    const name = (field: Change['field'], v: string) =>
      field === 'role' ? (STAFF_ROLE_TEXT as Record<string, string>)[v] ?? v : field === 'regionCode' ? byCode.get(v)?.name ?? v : v;
    const label = { displayName: '姓名', role: '岗位', regionCode: '负责的地方' } as const;
    const changes = (JSON.parse(a.changesJson) as Change[]).map((c) =>
      c.from ? `${label[c.field]}：${name(c.field, c.from)} → ${name(c.field, c.to)}` : `${label[c.field]}：${name(c.field, c.to)}`);
    return { at: new Date(a.at).toISOString(), action: a.action, actorName: actors.get(a.actorStaffId) ?? '工作人员', changes };
  }
}

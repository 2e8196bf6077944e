// hand-written fakes for the identity unit tests (style guide §8): in-memory repositories, a scripted WeChat port,
// a fixed clock and a Db whose transactions roll the fakes back when the work throws
import { AsyncLocalStorage } from 'node:async_hooks';
import { InsertResult, type EntityManager } from 'typeorm';
import { Clock } from '../../src/common/clock';
import type { Db } from '../../src/common/db';
import { DomainError } from '../../src/common/domain-error';
import { RateLimitRepository, type Counter } from '../../src/common/rate-limiter';
import type { AuthSessionEntity, SessionRevokeReason } from '../../src/identity/entities/auth-session.entity';
import type { FamilyMemberEntity } from '../../src/identity/entities/family-member.entity';
import type { RegionEntity } from '../../src/identity/entities/region.entity';
import type { ResidentAccountEntity } from '../../src/identity/entities/resident-account.entity';
import type { StaffAccountEntity } from '../../src/identity/entities/staff-account.entity';
import { AccountRepository, FamilyMemberRepository, RegionRepository, SessionRepository, type SessionHead, type SessionSubject } from '../../src/identity/identity.repository';
import { WechatAuthPort, type CodeExchange } from '../../src/identity/wechat-auth.port';
import type { NotificationEvent, NotificationOutbox } from '../../src/notifications/notification-outbox';

// the fakes ignore the manager but check that writes happen inside a transaction
export const TX = { fake: 'transaction' } as unknown as EntityManager;
export const READER = { fake: 'read' } as unknown as EntityManager;
function assertInTransaction(m: EntityManager, what: string): void {
  if (m !== TX) throw new Error(`${what} called outside a transaction`);
}

export interface Rollbackable {
  // takes a copy of the state and returns a function that puts it back
  snapshot(): () => void;
}

export class FakeDb {
  transactions = 0;
  rolledBack = 0;
  private readonly open = new AsyncLocalStorage<true>();

  constructor(private readonly stores: Rollbackable[] = []) {}

  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (this.open.getStore()) return work(TX);
    const restores = this.stores.map((s) => s.snapshot());
    this.transactions++;
    try {
      return await this.open.run(true, () => work(TX));
    } catch (err) {
      this.rolledBack++;
      for (const restore of restores) restore();
      throw err;
    }
  }

  get inTransaction(): boolean {
    return this.open.getStore() !== undefined;
  }

  // no lock conflicts in memory: one attempt
  retrying<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return work(this.open.getStore() ? TX : READER);
  }

  asDb(): Db {
    return this as unknown as Db;
  }
}

export class FixedClock extends Clock {
  constructor(private at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
  advance(seconds: number): void {
    this.at = new Date(this.at.getTime() + seconds * 1000);
  }
}

// the WeChat code exchange and, for the dev login route, the local peer's DevLoginCodes (mintDevCode)
export class FakeWechat extends WechatAuthPort {
  // code → outcome; a code without a script is invalid
  readonly outcomes = new Map<string, CodeExchange>();
  readonly exchanged: string[] = [];
  devCode: string | null = 'dev-code-1';
  readonly devCodeRequests: (string | undefined)[] = [];

  willAnswer(code: string, outcome: CodeExchange): this {
    this.outcomes.set(code, outcome);
    return this;
  }
  async exchangeCode(code: string): Promise<CodeExchange> {
    this.exchanged.push(code);
    return this.outcomes.get(code) ?? { kind: 'invalid-code' };
  }
  async mintDevCode(user?: string): Promise<string | null> {
    this.devCodeRequests.push(user);
    return this.devCode;
  }
}

function copyMap<K, V extends object>(map: Map<K, V>): () => void {
  const saved = [...map].map(([k, v]) => [k, { ...v }] as const);
  return () => {
    map.clear();
    for (const [k, v] of saved) map.set(k, v);
  };
}

export class FakeAccountRepository extends AccountRepository implements Rollbackable {
  readonly residents = new Map<string, ResidentAccountEntity>();
  readonly staff = new Map<string, StaffAccountEntity>();
  // every argument the repository was given (manager left out), to prove what never reaches storage
  readonly calls: { method: string; args: unknown[] }[] = [];
  // runs just before insertResident: lets a test commit a concurrent request's row in between
  beforeInsertResident?: () => void;

  snapshot() {
    const r = copyMap(this.residents);
    const s = copyMap(this.staff);
    return () => {
      r();
      s();
    };
  }
  private log(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  async findResidentByOpenidHash(_m: EntityManager, openidHash: string) {
    this.log('findResidentByOpenidHash', openidHash);
    return [...this.residents.values()].find((a) => a.openidHash === openidHash) ?? null;
  }
  async findResident(_m: EntityManager, id: string) {
    this.log('findResident', id);
    return this.residents.get(id) ?? null;
  }
  async insertResident(m: EntityManager, row: ResidentAccountEntity): Promise<'created' | 'duplicate'> {
    assertInTransaction(m, 'insertResident');
    this.log('insertResident', row);
    this.beforeInsertResident?.();
    if (this.residents.has(row.id) || [...this.residents.values()].some((a) => a.openidHash === row.openidHash)) return 'duplicate';
    this.residents.set(row.id, { ...row });
    return 'created';
  }
  async findStaffByUsername(_m: EntityManager, username: string) {
    this.log('findStaffByUsername', username);
    return [...this.staff.values()].find((s) => s.username === username) ?? null;
  }
  async findStaff(_m: EntityManager, id: string) {
    this.log('findStaff', id);
    return this.staff.get(id) ?? null;
  }
  async bindStaffOpenid(m: EntityManager, staffId: string, openidHash: string, at: Date): Promise<'bound' | 'missing' | 'duplicate'> {
    assertInTransaction(m, 'bindStaffOpenid');
    this.log('bindStaffOpenid', staffId, openidHash, at);
    if ([...this.staff.values()].some((s) => s.id !== staffId && s.openidHash === openidHash)) return 'duplicate';
    const s = this.staff.get(staffId);
    if (!s || !s.active) return 'missing';
    this.staff.set(staffId, { ...s, openidHash, updatedAt: at });
    return 'bound';
  }
  async findStaffByOpenidHash(_m: EntityManager, openidHash: string) {
    this.log('findStaffByOpenidHash', openidHash);
    return [...this.staff.values()].find((s) => s.openidHash === openidHash && s.active) ?? null;
  }
  async claimFamilySlot(m: EntityManager, accountId: string, limit: number): Promise<boolean> {
    assertInTransaction(m, 'claimFamilySlot');
    this.log('claimFamilySlot', accountId, limit);
    const a = this.residents.get(accountId);
    if (!a || a.familyCount >= limit) return false;
    this.residents.set(accountId, { ...a, familyCount: a.familyCount + 1 });
    return true;
  }
  async releaseFamilySlot(m: EntityManager, accountId: string): Promise<void> {
    assertInTransaction(m, 'releaseFamilySlot');
    this.log('releaseFamilySlot', accountId);
    const a = this.residents.get(accountId);
    if (a && a.familyCount > 0) this.residents.set(accountId, { ...a, familyCount: a.familyCount - 1 });
  }
}

export class FakeSessionRepository extends SessionRepository implements Rollbackable {
  readonly rows = new Map<string, AuthSessionEntity>();

  // the accounts the real repository joins in findWithSubject
  constructor(private readonly accounts = new FakeAccountRepository()) {
    super();
  }

  snapshot() {
    return copyMap(this.rows);
  }
  async insert(m: EntityManager, row: AuthSessionEntity): Promise<InsertResult> {
    assertInTransaction(m, 'session insert');
    const clash = [...this.rows.values()].some((s) => s.id === row.id || s.tokenHash === row.tokenHash || s.refreshHash === row.refreshHash);
    if (clash) throw new Error('unique index violated');
    this.rows.set(row.id, { ...row });
    return new InsertResult();
  }
  async findWithSubject(_m: EntityManager, tokenHash: string): Promise<{ session: SessionHead; subject: SessionSubject | null } | null> {
    const s = [...this.rows.values()].find((r) => r.tokenHash === tokenHash);
    if (!s) return null;
    const r = s.subjectKind === 'resident' ? this.accounts.residents.get(s.subjectId) : undefined;
    const st = s.subjectKind === 'staff' ? this.accounts.staff.get(s.subjectId) : undefined;
    const subject: SessionSubject | null = r
      ? { kind: 'resident', id: r.id }
      : st
        ? { kind: 'staff', id: st.id, role: st.role, regionCode: st.regionCode, active: st.active, mustChangePassword: st.mustChangePassword }
        : null;
    return { session: { ...s }, subject };
  }
  async findByRefreshHash(_m: EntityManager, refreshHash: string) {
    return [...this.rows.values()].find((s) => s.refreshHash === refreshHash) ?? null;
  }
  async findById(_m: EntityManager, id: string) {
    return this.rows.get(id) ?? null;
  }
  async revoke(m: EntityManager, id: string, at: Date, reason: SessionRevokeReason): Promise<boolean> {
    assertInTransaction(m, 'session revoke');
    const s = this.rows.get(id);
    if (!s || s.revokedAt !== null) return false;
    this.rows.set(id, { ...s, revokedAt: at, revokeReason: reason });
    return true;
  }
  async revokeFamily(m: EntityManager, familyId: string, at: Date): Promise<number> {
    assertInTransaction(m, 'session family revoke');
    let n = 0;
    for (const s of this.rows.values()) {
      if (s.familyId !== familyId || s.revokedAt !== null) continue;
      this.rows.set(s.id, { ...s, revokedAt: at, revokeReason: 'reuse' });
      n++;
    }
    return n;
  }
}

/** records what identity would put in the outbox */
export class FakeOutbox {
  readonly events: NotificationEvent[] = [];
  async record(event: NotificationEvent): Promise<'recorded' | 'duplicate'> {
    if (this.events.some((e) => e.idempotencyKey === event.idempotencyKey)) return 'duplicate';
    this.events.push(event);
    return 'recorded';
  }
  asOutbox(): NotificationOutbox {
    return this as unknown as NotificationOutbox;
  }
}

export class FakeRegionRepository extends RegionRepository {
  readonly regions = new Map<string, RegionEntity>();

  constructor(regions: RegionEntity[] = []) {
    super();
    for (const r of regions) this.regions.set(r.code, r);
  }
  async findAll(_m: EntityManager) {
    return [...this.regions.values()].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  }
  async find(_m: EntityManager, code: string) {
    return this.regions.get(code) ?? null;
  }
  async findByCodes(_m: EntityManager, codes: string[]) {
    return [...new Set(codes)].flatMap((c) => (this.regions.has(c) ? [this.regions.get(c)!] : []));
  }
  // ancestry() is the real one, walking parents through find()
}

export class FakeFamilyMemberRepository extends FamilyMemberRepository implements Rollbackable {
  readonly rows = new Map<string, FamilyMemberEntity>();
  // runs just before delete: lets a test remove the row concurrently
  beforeDelete?: (id: string) => void;

  snapshot() {
    return copyMap(this.rows);
  }
  async listByAccount(_m: EntityManager, accountId: string) {
    return [...this.rows.values()].filter((r) => r.accountId === accountId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
  async insert(m: EntityManager, row: FamilyMemberEntity): Promise<'inserted' | 'duplicate'> {
    assertInTransaction(m, 'family member insert');
    const clash = [...this.rows.values()].some((r) => r.id === row.id || (r.accountId === row.accountId && r.idNumberHash === row.idNumberHash));
    if (clash) return 'duplicate';
    this.rows.set(row.id, { ...row });
    return 'inserted';
  }
  async findOwned(_m: EntityManager, accountId: string, id: string) {
    const r = this.rows.get(id);
    return r && r.accountId === accountId ? r : null;
  }
  async delete(m: EntityManager, id: string): Promise<boolean> {
    assertInTransaction(m, 'family member delete');
    this.beforeDelete?.(id);
    return this.rows.delete(id);
  }
}

// the real RateLimiter runs over this: one sliding-window counter per key
export class FakeRateLimitRepository extends RateLimitRepository {
  readonly buckets = new Map<string, Counter>();
  readonly cleared: string[] = [];

  async hit(m: EntityManager, key: string, windowStart: number, windowSeconds: number): Promise<Counter> {
    assertInTransaction(m, 'rate limit hit');
    const b = this.buckets.get(key);
    const next: Counter =
      b && b.windowStart === windowStart
        ? { ...b, hits: b.hits + 1 }
        : { windowStart, hits: 1, prevHits: b && b.windowStart === windowStart - windowSeconds ? b.hits : 0 };
    this.buckets.set(key, next);
    return next;
  }
  // as the real one: counts only a row of this window whose sliding count stays within the limit
  async hitBelow(m: EntityManager, key: string, windowStart: number, windowSeconds: number, nowSec: number, limit: number): Promise<boolean> {
    assertInTransaction(m, 'rate limit hit');
    const b = this.buckets.get(key);
    if (!b || b.windowStart !== windowStart || b.prevHits * (windowStart + windowSeconds - nowSec) > (limit - b.hits - 1) * windowSeconds) return false;
    this.buckets.set(key, { ...b, hits: b.hits + 1 });
    return true;
  }
  async read(_m: EntityManager, key: string): Promise<Counter | null> {
    return this.buckets.get(key) ?? null;
  }
  async clear(m: EntityManager, key: string): Promise<void> {
    assertInTransaction(m, 'rate limit clear');
    this.cleared.push(key);
    this.buckets.delete(key);
  }
  async purgeBefore(m: EntityManager, windowStart: number): Promise<number> {
    assertInTransaction(m, 'rate limit purge');
    let n = 0;
    for (const [k, b] of this.buckets) if (b.windowStart < windowStart && this.buckets.delete(k)) n++;
    return n;
  }
  hitsOf(key: string): number {
    return this.buckets.get(key)?.hits ?? 0;
  }
}

// a small region tree (official codes of 荆州区): one district, two streets, three communities
export const DISTRICT = '421003';
export const STREET_A = '421003002';
export const STREET_B = '421003001';
export const COMMUNITY_A1 = '421003002004';
export const COMMUNITY_A2 = '421003002001';
export const COMMUNITY_B1 = '421003001003';

export function regionTree(): RegionEntity[] {
  return [
    { code: DISTRICT, name: '荆州区', level: 'district', parentCode: null, sortOrder: 0 },
    { code: STREET_A, name: '东城街道', level: 'street', parentCode: DISTRICT, sortOrder: 1 },
    { code: STREET_B, name: '西城街道', level: 'street', parentCode: DISTRICT, sortOrder: 2 },
    { code: COMMUNITY_A1, name: '东门社区', level: 'community', parentCode: STREET_A, sortOrder: 1 },
    { code: COMMUNITY_A2, name: '南门社区', level: 'community', parentCode: STREET_A, sortOrder: 2 },
    { code: COMMUNITY_B1, name: '文庙社区', level: 'community', parentCode: STREET_B, sortOrder: 1 },
  ];
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${String(++seq).padStart(4, '0')}`;

export function aResidentAccount(over: Partial<ResidentAccountEntity> = {}): ResidentAccountEntity {
  const at = new Date('2025-01-01T00:00:00Z');
  return { id: nextId('res'), openidHash: nextId('hash'), openidEnc: 'k1.not-used', displayName: '微信用户', familyCount: 0, createdAt: at, updatedAt: at, ...over };
}

export function aStaffAccount(over: Partial<StaffAccountEntity> = {}): StaffAccountEntity {
  const at = new Date('2025-01-01T00:00:00Z');
  return {
    id: nextId('staff'), username: nextId('user'), displayName: '王社工', role: 'community_staff', regionCode: COMMUNITY_A1,
    passwordHash: null, openidHash: null, active: true, mustChangePassword: false, createdAt: at, updatedAt: at, ...over,
  };
}

// the DomainError a call rejects with; fails the test if it resolves or throws anything else
export async function domainErrorFrom(call: Promise<unknown>): Promise<DomainError> {
  let outcome: unknown;
  try {
    outcome = await call;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`expected a DomainError, the call resolved with ${JSON.stringify(outcome)}`);
}

/**
 * ProxyDirectory — who may act for whom, for other modules (the allowance). Exported by IdentityModule.
 *
 * Every method runs inside the caller's transaction or read (it takes the EntityManager) and answers from identity's
 * tables only; nothing here calls WeChat or the registry.
 *
 *   verifiedProxy(m, accountId, familyMemberId) → VerifiedProxy | null
 *       "is account A a verified proxy for this elder (family member id)?" — with the elder's ID number (decrypted, for
 *       the registry checks; never log or return it unmasked) and name. null when the family member is not A's, was
 *       never verified, or was revoked (by the elder, by staff, or consent withdrawn): the three look the same.
 *   isVerifiedProxyFor(m, accountId, elderIdNumberHash) → boolean
 *       the same question keyed by the elder's ID blind index (PiiCipher.blindIndex('id_number', id)), e.g. for reading
 *       an application that belongs to the elder rather than to one family member row.
 *   elderAccount(m, elderIdNumberHash) → { accountId, name, verifiedAt } | null
 *       the elder's own WeChat account, when the elder verified their own identity (face check or counter).
 *   verifiedSelf(m, accountId) → VerifiedSelf | null
 *       the account holder's own verified identity (the elder applying on their own WeChat).
 *   verifiedProxyAccounts(m, elderIdNumberHash) → string[]
 *       the accounts currently verified to act for the elder (whom status messages may reach).
 *   verifiedProxyMembers(m, elderIdNumberHash) → { accountId, familyMemberId }[]
 *       the same accounts, each with its own family-member row of the elder (a message's link into that account's pages).
 *   verifiedElderHashes(m, accountId) → string[]
 *       the ID blind indexes of every elder the account is currently verified to act for ("my applications").
 *   isVerifiedMember(m, accountId, familyMemberId) → boolean
 *       verifiedProxy's answer without decrypting anything (booking asks it on every request).
 *
 * Revocation takes effect at once: the next call answers null / false.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import { FamilyMemberEntity } from './entities/family-member.entity';
import { FamilyProxyEntity } from './entities/family-proxy.entity';
import { ResidentIdentityEntity } from './entities/resident-identity.entity';

export interface VerifiedProxy {
  familyMemberId: string;
  accountId: string;
  elder: {
    /** the name as verified (registry or staff), else the name the family typed */
    name: string;
    /** normalized 18-character ID number: sensitive, for registry checks only */
    idNumber: string;
    idNumberHash: string;
    birthDate: string;
    communityCode: string;
  };
  relationship: string;
  via: 'household' | 'staff' | 'invitation';
  verifiedAt: Date;
}

export interface VerifiedSelf {
  accountId: string;
  name: string;
  /** sensitive: for registry checks only */
  idNumber: string;
  idNumberHash: string;
  method: 'face' | 'counter';
  verifiedAt: Date;
}

@Injectable()
export class ProxyDirectory {
  constructor(private readonly cipher: PiiCipher) {}

  async verifiedProxy(m: EntityManager, accountId: string, familyMemberId: string): Promise<VerifiedProxy | null> {
    const member = await m.findOne(FamilyMemberEntity, { where: { id: familyMemberId, accountId } });
    if (!member) return null;
    const proxy = await m.findOne(FamilyProxyEntity, { where: { familyMemberId, accountId, state: 'verified' } });
    // the relation is for the person the row stands for now (an edited ID number would not carry the verification)
    if (!proxy || proxy.idNumberHash !== member.idNumberHash || !proxy.via || !proxy.verifiedAt) return null;
    return {
      familyMemberId, accountId,
      elder: {
        name: proxy.verifiedName ?? member.name, idNumber: this.cipher.decrypt(member.idNumberEnc), idNumberHash: member.idNumberHash,
        birthDate: member.birthDate, communityCode: member.communityCode,
      },
      relationship: member.relationship, via: proxy.via, verifiedAt: proxy.verifiedAt,
    };
  }

  async isVerifiedMember(m: EntityManager, accountId: string, familyMemberId: string): Promise<boolean> {
    const member = await m.findOne(FamilyMemberEntity, { select: { id: true, idNumberHash: true }, where: { id: familyMemberId, accountId } });
    if (!member) return false;
    const proxy = await m.findOne(FamilyProxyEntity, { where: { familyMemberId, accountId, state: 'verified' } });
    return !!proxy && proxy.idNumberHash === member.idNumberHash && !!proxy.via && !!proxy.verifiedAt;
  }

  async isVerifiedProxyFor(m: EntityManager, accountId: string, elderIdNumberHash: string): Promise<boolean> {
    return (await this.verifiedProxyAccounts(m, elderIdNumberHash)).includes(accountId);
  }

  async verifiedProxyAccounts(m: EntityManager, elderIdNumberHash: string): Promise<string[]> {
    const rows = await m
      .createQueryBuilder(FamilyProxyEntity, 'p')
      .innerJoin(FamilyMemberEntity, 'f', 'f.id = p.family_member_id AND f.account_id = p.account_id AND f.id_number_hash = p.id_number_hash')
      .select('p.account_id', 'accountId')
      .where("p.id_number_hash = :h AND p.state = 'verified'", { h: elderIdNumberHash })
      .getRawMany<{ accountId: string }>();
    return [...new Set(rows.map((r) => r.accountId))];
  }

  /** verifiedProxyAccounts with each account's own family-member row of the elder (for links into that account's pages) */
  async verifiedProxyMembers(m: EntityManager, elderIdNumberHash: string): Promise<{ accountId: string; familyMemberId: string }[]> {
    const rows = await m
      .createQueryBuilder(FamilyProxyEntity, 'p')
      .innerJoin(FamilyMemberEntity, 'f', 'f.id = p.family_member_id AND f.account_id = p.account_id AND f.id_number_hash = p.id_number_hash')
      .select('p.account_id', 'accountId')
      .addSelect('f.id', 'familyMemberId')
      .where("p.id_number_hash = :h AND p.state = 'verified'", { h: elderIdNumberHash })
      .orderBy('f.id')
      .getRawMany<{ accountId: string; familyMemberId: string }>();
    const seen = new Map<string, string>();
    for (const r of rows) if (!seen.has(r.accountId)) seen.set(r.accountId, r.familyMemberId);
    return [...seen].map(([accountId, familyMemberId]) => ({ accountId, familyMemberId }));
  }

  /** verifiedProxyAccounts for many elders at once (one statement per 500): elder hash → accounts */
  async verifiedProxyAccountsMany(m: EntityManager, elderIdNumberHashes: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const hashes = [...new Set(elderIdNumberHashes)];
    for (let i = 0; i < hashes.length; i += 500) {
      const rows = await m
        .createQueryBuilder(FamilyProxyEntity, 'p')
        .innerJoin(FamilyMemberEntity, 'f', 'f.id = p.family_member_id AND f.account_id = p.account_id AND f.id_number_hash = p.id_number_hash')
        .select('p.account_id', 'accountId')
        .addSelect('p.id_number_hash', 'hash')
        .where("p.id_number_hash IN (:...h) AND p.state = 'verified'", { h: hashes.slice(i, i + 500) })
        .getRawMany<{ accountId: string; hash: string }>();
      for (const r of rows) out.set(r.hash, [...new Set([...(out.get(r.hash) ?? []), r.accountId])]);
    }
    return out;
  }

  async verifiedElderHashes(m: EntityManager, accountId: string): Promise<string[]> {
    const rows = await m
      .createQueryBuilder(FamilyProxyEntity, 'p')
      .innerJoin(FamilyMemberEntity, 'f', 'f.id = p.family_member_id AND f.account_id = p.account_id AND f.id_number_hash = p.id_number_hash')
      .select('p.id_number_hash', 'hash')
      .where("p.account_id = :a AND p.state = 'verified'", { a: accountId })
      .getRawMany<{ hash: string }>();
    return [...new Set(rows.map((r) => r.hash))];
  }

  async elderAccount(m: EntityManager, elderIdNumberHash: string): Promise<{ accountId: string; name: string; verifiedAt: Date } | null> {
    const row = await m.findOne(ResidentIdentityEntity, { where: { idNumberHash: elderIdNumberHash }, order: { verifiedAt: 'DESC' } });
    return row ? { accountId: row.accountId, name: row.name, verifiedAt: row.verifiedAt } : null;
  }

  async verifiedSelf(m: EntityManager, accountId: string): Promise<VerifiedSelf | null> {
    const row = await m.findOne(ResidentIdentityEntity, { where: { accountId } });
    if (!row) return null;
    return {
      accountId, name: row.name, idNumber: this.cipher.decrypt(row.idNumberEnc), idNumberHash: row.idNumberHash, method: row.method, verifiedAt: row.verifiedAt,
    };
  }
}

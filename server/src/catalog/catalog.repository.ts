import { Injectable } from '@nestjs/common';
import { ErrorCode, type DemandStatus } from '@jianban/shared';
import { EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import {
  CatalogDemandReportEntity,
  CatalogItemEntity,
  CatalogItemVersionEntity,
  CatalogMetaEntity,
  CatalogProposalEntity,
  CatalogWorkListEntity,
} from './entities/catalog.entity';

const CATALOG_VERSION_KEY = 'catalog';

@Injectable()
export class CatalogItemRepository {
  findByCode(m: EntityManager, code: string): Promise<CatalogItemEntity | null> {
    return m.findOne(CatalogItemEntity, { where: { code } });
  }

  findById(m: EntityManager, id: string): Promise<CatalogItemEntity | null> {
    return m.findOne(CatalogItemEntity, { where: { id } });
  }

  findByIds(m: EntityManager, ids: string[]): Promise<CatalogItemEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : m.find(CatalogItemEntity, { where: { id: In(ids) } });
  }

  allCodes(m: EntityManager): Promise<string[]> {
    return m.find(CatalogItemEntity, { select: { code: true } }).then((rows) => rows.map((r) => r.code));
  }

  // every item of the district and of all communities (the catalog is small: tens of rows)
  all(m: EntityManager): Promise<CatalogItemEntity[]> {
    return m.find(CatalogItemEntity, { order: { code: 'ASC' } });
  }

  /** 'code_taken': another transaction took the generated code first (the caller retries with a fresh code) */
  async insert(m: EntityManager, row: CatalogItemEntity): Promise<'inserted' | 'code_taken'> {
    try {
      await m.insert(CatalogItemEntity, row);
      return 'inserted';
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // which unique key: MariaDB names the index ("for key 'uq_catalog_item_code'"), SQLite the column ("catalog_item.code")
      const text = `${(err as { sqlMessage?: string }).sqlMessage ?? ''} ${(err as Error).message ?? ''}`;
      if (/uq_catalog_item_code|catalog_item\.code\b/.test(text)) return 'code_taken';
      throw new DomainError(ErrorCode.ItemNameTaken, 'an item with this name exists');
    }
  }

  // optimistic: only the version the editor saw may be replaced
  async replaceContent(m: EntityManager, row: { id: string; baseVersion: number; name: string; list: string; contentJson: string; updatedAt: Date }): Promise<boolean> {
    try {
      const r = await m
        .createQueryBuilder()
        .update(CatalogItemEntity)
        .set({ version: () => 'version + 1', name: row.name, list: row.list, contentJson: row.contentJson, updatedAt: row.updatedAt })
        .where('id = :id AND version = :v', { id: row.id, v: row.baseVersion })
        .execute();
      return r.affected === 1;
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(ErrorCode.ItemNameTaken, 'an item with this name exists');
      throw err;
    }
  }

  insertVersion(m: EntityManager, row: CatalogItemVersionEntity): Promise<unknown> {
    return m.insert(CatalogItemVersionEntity, row);
  }

  versions(m: EntityManager, itemId: string): Promise<CatalogItemVersionEntity[]> {
    return m.find(CatalogItemVersionEntity, { where: { itemId }, order: { version: 'DESC' } });
  }
}

@Injectable()
export class CatalogMetaRepository {
  async version(m: EntityManager): Promise<number> {
    const row = await m.findOne(CatalogMetaEntity, { where: { key: CATALOG_VERSION_KEY } });
    return row?.value ?? 0;
  }

  async ensure(m: EntityManager): Promise<void> {
    if (await m.findOne(CatalogMetaEntity, { where: { key: CATALOG_VERSION_KEY } })) return;
    try {
      await m.insert(CatalogMetaEntity, { key: CATALOG_VERSION_KEY, value: 1 });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  // every write to items bumps this in the same transaction: other instances see the change on their next check
  async bump(m: EntityManager): Promise<void> {
    await m.createQueryBuilder().update(CatalogMetaEntity).set({ value: () => 'value + 1' }).where('`key` = :k', { k: CATALOG_VERSION_KEY }).execute();
  }
}

@Injectable()
export class CatalogProposalRepository {
  insert(m: EntityManager, row: CatalogProposalEntity): Promise<unknown> {
    return m.insert(CatalogProposalEntity, row);
  }

  find(m: EntityManager, id: string): Promise<CatalogProposalEntity | null> {
    return m.findOne(CatalogProposalEntity, { where: { id } });
  }

  page(m: EntityManager, q: { status?: string; proposerId?: string; page: number; pageSize: number }): Promise<[CatalogProposalEntity[], number]> {
    const where: Record<string, string> = {};
    if (q.status) where.status = q.status;
    if (q.proposerId) where.proposerId = q.proposerId;
    return m.findAndCount(CatalogProposalEntity, { where, order: { createdAt: 'DESC', id: 'ASC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  }

  // only a pending proposal can be decided, once
  async decide(m: EntityManager, id: string, d: Pick<CatalogProposalEntity, 'status' | 'decidedById' | 'decidedByName' | 'decidedAt' | 'decisionNote' | 'appliedVersion'>): Promise<boolean> {
    const r = await m.createQueryBuilder().update(CatalogProposalEntity).set(d).where('id = :id AND status = :p', { id, p: 'pending' }).execute();
    return r.affected === 1;
  }
}

@Injectable()
export class WorkListRepository {
  all(m: EntityManager): Promise<CatalogWorkListEntity[]> {
    return m.find(CatalogWorkListEntity);
  }

  find(m: EntityManager, kind: string): Promise<CatalogWorkListEntity | null> {
    return m.findOne(CatalogWorkListEntity, { where: { kind } });
  }

  async insertIfMissing(m: EntityManager, row: CatalogWorkListEntity): Promise<boolean> {
    if (await this.find(m, row.kind)) return false;
    await m.insert(CatalogWorkListEntity, row);
    return true;
  }

  async replace(m: EntityManager, kind: string, baseVersion: number, row: Partial<CatalogWorkListEntity>): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(CatalogWorkListEntity)
      .set({ ...row, version: () => 'version + 1' })
      .where('kind = :kind AND version = :v', { kind, v: baseVersion })
      .execute();
    return r.affected === 1;
  }
}

@Injectable()
export class DemandReportRepository {
  insert(m: EntityManager, row: CatalogDemandReportEntity): Promise<unknown> {
    return m.insert(CatalogDemandReportEntity, row);
  }

  find(m: EntityManager, id: string): Promise<CatalogDemandReportEntity | null> {
    return m.findOne(CatalogDemandReportEntity, { where: { id } });
  }

  page(m: EntityManager, q: { reporterId?: string; status?: DemandStatus; page: number; pageSize: number }): Promise<[CatalogDemandReportEntity[], number]> {
    const where: Record<string, string> = {};
    if (q.reporterId) where.reporterId = q.reporterId;
    if (q.status) where.status = q.status;
    return m.findAndCount(CatalogDemandReportEntity, { where, order: { createdAt: 'DESC', id: 'ASC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  }

  // how many reports each item got since a time (the lists put often-reported items first)
  async countsByItemSince(m: EntityManager, since: Date): Promise<Map<string, number>> {
    const rows: { code: string; n: string | number }[] = await m
      .createQueryBuilder(CatalogDemandReportEntity, 'r')
      .select('r.item_code', 'code')
      .addSelect('COUNT(*)', 'n')
      .where('r.created_at >= :since', { since })
      .groupBy('r.item_code')
      .getRawMany();
    return new Map(rows.map((r) => [r.code, Number(r.n)]));
  }

  async setStatus(m: EntityManager, id: string, status: DemandStatus, staffNote: string, at: Date): Promise<boolean> {
    const r = await m.createQueryBuilder().update(CatalogDemandReportEntity).set({ status, staffNote, updatedAt: at }).where('id = :id', { id }).execute();
    return r.affected === 1;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogDepartmentEntity, CatalogDepartmentVersionEntity } from './entities/catalog.entity';

// the department directory's rows and their versions
@Injectable()
export class DepartmentRepository {
  all(m: EntityManager): Promise<CatalogDepartmentEntity[]> {
    return m.find(CatalogDepartmentEntity, { order: { position: 'ASC' } });
  }

  byCode(m: EntityManager, code: string): Promise<CatalogDepartmentEntity | null> {
    return m.findOne(CatalogDepartmentEntity, { where: { code } });
  }

  // conditional on the version the editor saw: false when someone saved in between
  async replace(m: EntityManager, id: string, baseVersion: number, row: Partial<CatalogDepartmentEntity>): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(CatalogDepartmentEntity)
      .set({ ...row, version: () => 'version + 1' })
      .where('id = :id AND version = :v', { id, v: baseVersion })
      .execute();
    return r.affected === 1;
  }

  async addVersion(m: EntityManager, row: CatalogDepartmentVersionEntity): Promise<void> {
    await m.insert(CatalogDepartmentVersionEntity, row);
  }

  versions(m: EntityManager, departmentId: string): Promise<CatalogDepartmentVersionEntity[]> {
    return m.find(CatalogDepartmentVersionEntity, { where: { departmentId }, order: { version: 'ASC' } });
  }
}

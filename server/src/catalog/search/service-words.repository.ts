import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ServiceWordsEntity, ServiceWordsVersionEntity } from './service-words.entities';

@Injectable()
export class ServiceWordsRepository {
  all(m: EntityManager): Promise<ServiceWordsEntity[]> {
    return m.find(ServiceWordsEntity, { order: { serviceId: 'ASC' } });
  }

  find(m: EntityManager, serviceId: string): Promise<ServiceWordsEntity | null> {
    return m.findOne(ServiceWordsEntity, { where: { serviceId } });
  }

  // compare-and-set on the version: false when someone saved first
  async replace(m: EntityManager, serviceId: string, baseVersion: number, row: Pick<ServiceWordsEntity, 'wordsJson' | 'updatedBy' | 'updatedAt'>): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ServiceWordsEntity)
      .set({ ...row, version: () => 'version + 1' })
      .where('service_id = :id AND version = :v', { id: serviceId, v: baseVersion })
      .execute();
    return r.affected === 1;
  }

  insertVersion(m: EntityManager, row: ServiceWordsVersionEntity): Promise<unknown> {
    return m.insert(ServiceWordsVersionEntity, row);
  }

  versions(m: EntityManager, serviceId: string): Promise<ServiceWordsVersionEntity[]> {
    return m.find(ServiceWordsVersionEntity, { where: { serviceId }, order: { version: 'DESC' } });
  }
}

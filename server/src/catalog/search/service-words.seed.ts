import { randomUUID } from 'node:crypto';
import type { SearchServiceId, ServiceWord } from '@jianban/shared';
import { DataSource } from 'typeorm';
import searchData from '../seed-data/search-terms.json';
import { CatalogMetaEntity } from '../entities/catalog.entity';
import { ServiceWordsEntity, ServiceWordsVersionEntity } from './service-words.entities';

interface ServiceSeed {
  words: { name: string[]; subject: string[] };
  sources?: Record<string, string>;
}

// the seed's words of a service (search-terms.json): names first, then subjects; a source where one is recorded
export function seedWordsOf(id: SearchServiceId): ServiceWord[] {
  const s = (searchData.services as Record<string, ServiceSeed>)[id];
  const source = (w: string) => s.sources?.[w] ?? null;
  return [...s.words.name.map((word) => ({ word, kind: 'name' as const, source: source(word) })), ...s.words.subject.map((word) => ({ word, kind: 'subject' as const, source: source(word) }))];
}

// reference data: the words of every service not yet in the database (idempotent; staff edits are never overwritten)
export async function seedServiceWords(ds: DataSource): Promise<string | null> {
  return ds.transaction(async (m) => {
    const have = new Set((await m.find(ServiceWordsEntity)).map((r) => r.serviceId));
    const now = new Date();
    let n = 0;
    for (const id of Object.keys(searchData.services) as SearchServiceId[]) {
      if (have.has(id)) continue;
      const wordsJson = JSON.stringify(seedWordsOf(id));
      await m.insert(ServiceWordsEntity, { serviceId: id, version: 1, wordsJson, updatedBy: null, updatedAt: now });
      await m.insert(ServiceWordsVersionEntity, { id: randomUUID(), serviceId: id, version: 1, wordsJson, changeNote: '初始导入', editorId: null, editorName: null, editorRole: null, createdAt: now });
      n++;
    }
    if (n > 0) await m.createQueryBuilder().update(CatalogMetaEntity).set({ value: () => 'value + 1' }).where('`key` = :k', { k: 'catalog' }).execute();
    return n > 0 ? `search: words of ${n} services inserted` : null;
  });
}

import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../../common/config';
import { Db } from '../../common/db';
import { PINO } from '../../common/logger';
import searchData from '../seed-data/search-terms.json';
import { CatalogItemRepository, CatalogMetaRepository } from '../catalog.repository';
import type { CatalogItemSummary, SearchResultView, SearchServiceId, SearchServiceSummary, ServiceWord } from '@jianban/shared';
import { parseContent, publishedToResidents, toSummary } from '../catalog.mapper';
import type { CatalogItemEntity } from '../entities/catalog.entity';
import { NOT_ADOPTED_OWNER, SearchIndex, SERVICE_OWNER, type IndexedDoc } from './search-index';
import { ServiceWordsRepository } from './service-words.repository';
import { seedWordsOf } from './service-words.seed';
import { parseStoredServiceWords } from './service-words.stored';

interface ServiceData {
  title: string;
  description: string;
  available: boolean;
  aboutCertificates?: boolean;
  words: { name: string[]; subject: string[] };
}
const SERVICES = searchData.services as Record<SearchServiceId, ServiceData>;

// the services a search can answer with: what residents see, and the document the index scores
export const SERVICE_SUMMARIES = new Map<string, SearchServiceSummary>(
  (Object.entries(SERVICES) as [SearchServiceId, ServiceData][]).map(([id, s]) => [`service:${id}`, { id, title: s.title, description: s.description, available: s.available }]),
);
// a service as a document the index scores, with its words (from the database; the seed's for the evaluation)
export function serviceDoc(id: SearchServiceId, words: Pick<ServiceWord, 'word' | 'kind'>[]): IndexedDoc {
  const s = SERVICES[id];
  return {
    code: `service:${id}`,
    owner: SERVICE_OWNER,
    name: s.title,
    aliases: words.filter((w) => w.kind === 'name').map((w) => w.word),
    everyday: words.filter((w) => w.kind === 'subject').map((w) => ({ word: w.word, kind: 'subject' as const })),
    usedFor: null,
    route: [],
    aboutCertificates: s.aboutCertificates === true,
  };
}
export const SERVICE_DOCS_FOR_EVAL: IndexedDoc[] = (Object.keys(SERVICES) as SearchServiceId[]).map((id) => serviceDoc(id, seedWordsOf(id)));

export interface IndexSnapshot {
  index: SearchIndex;
  rows: Map<string, CatalogItemEntity>;
  summaries: Map<string, CatalogItemSummary>; // built once per snapshot: searches answer without parsing rows
  answers: Map<string, SearchResultView>; // whole search answers, shared and never mutated; they die with the snapshot
}

// the search index lives in memory on each instance. It is rebuilt after an edit made here at once, and when the
// catalog version row (bumped by every edit, on any instance) differs, checked at most every indexCheckMs.
@Injectable()
export class CatalogIndexService {
  private snapshot: IndexSnapshot | null = null;
  private building: Promise<IndexSnapshot> | null = null;
  private checking: Promise<IndexSnapshot> | null = null;
  private checkedAt = 0;
  private generation = 0; // bumped by invalidate(): work started before it must not be trusted after it

  constructor(
    private readonly db: Db,
    private readonly items: CatalogItemRepository,
    private readonly meta: CatalogMetaRepository,
    private readonly serviceWords: ServiceWordsRepository,
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async current(): Promise<IndexSnapshot> {
    const snap = this.snapshot;
    if (snap && Date.now() - this.checkedAt < this.config.catalog.indexCheckMs) return snap;
    // one version check in flight at a time; concurrent searches share it
    if (!this.checking) {
      const p = this.check().finally(() => {
        if (this.checking === p) this.checking = null;
      });
      this.checking = p;
    }
    return this.checking;
  }

  // after a local edit commits: the next search rebuilds
  invalidate(): void {
    this.generation++;
    this.snapshot = null;
    this.checkedAt = 0;
    this.checking = null;
    this.building = null;
  }

  private async check(): Promise<IndexSnapshot> {
    const version = await this.db.read((m) => this.meta.version(m));
    this.checkedAt = Date.now();
    if (this.snapshot && this.snapshot.index.version === version) return this.snapshot;
    if (!this.building) {
      const p = this.build().finally(() => {
        if (this.building === p) this.building = null;
      });
      this.building = p;
    }
    return this.building;
  }

  private async build(): Promise<IndexSnapshot> {
    const started = Date.now();
    const generation = this.generation;
    const { version, rows: allRows, serviceRows } = await this.db.read(async (m) => ({ version: await this.meta.version(m), rows: await this.items.all(m), serviceRows: await this.serviceWords.all(m) }));
    // a service's words as staff last saved them; the seed's until the reference seed has stored them
    const stored = new Map(serviceRows.map((r) => [r.serviceId, parseStoredServiceWords(r.wordsJson)]));
    const services = (Object.keys(SERVICES) as SearchServiceId[]).map((id) => serviceDoc(id, stored.get(id) ?? seedWordsOf(id)));
    // only what residents may see: another place's item the district has not adopted stays out of the lists, search,
    // item pages and notice boards (staff still edit it; the edit service reads the database, not this snapshot)
    const all = allRows.map((r) => ({ row: r, content: parseContent(r) })).map((p) => ({ ...p, published: publishedToResidents(p.row, p.content) }));
    const parsed = all.filter((p) => p.published);
    const rows = parsed.map(({ row }) => row);
    const indexed: IndexedDoc[] = all.map(({ row, content, published }) => ({
      code: row.code, owner: published ? row.owner : NOT_ADOPTED_OWNER, name: content.name, aliases: content.aliases, everyday: content.everydayWords ?? [], usedFor: content.usedFor, route: content.routeSteps,
    }));
    const snapshot: IndexSnapshot = {
      index: new SearchIndex([...indexed, ...services], { popular: searchData.popular, standsFor: searchData.standsFor }, version),
      rows: new Map(rows.map((r) => [r.code, r])),
      summaries: new Map(parsed.map(({ row, content }) => [row.code, toSummary(row, content)])),
      answers: new Map(),
    };
    if (generation === this.generation) {
      this.snapshot = snapshot;
      this.checkedAt = Date.now();
    }
    this.log.info({ version, items: rows.length, notAdopted: allRows.length - rows.length, ms: Date.now() - started }, 'catalog search index built');
    return snapshot;
  }
}

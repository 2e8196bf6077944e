import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type SearchServiceId, type ServiceWordsHistoryView, type ServiceWordsList, type ServiceWordsView, type UpdateServiceWordsInput } from '@jianban/shared';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import { AccountDirectory } from '../../identity/account.directory';
import type { Caller } from '../../identity/caller';
import { CatalogMetaRepository } from '../catalog.repository';
import { CatalogIndexService, SERVICE_SUMMARIES } from './catalog-index.service';
import type { ServiceWordsEntity } from './service-words.entities';
import { ServiceWordsRepository } from './service-words.repository';
import { parseStoredServiceWords } from './service-words.stored';

type Staff = Extract<Caller, { kind: 'staff' }>;
const parseServiceWords = parseStoredServiceWords;

// the words that lead a search to each service: read by all staff, edited by the district admin (the route says who),
// every edit a new version with who, when and why; the catalog version is bumped so every instance rebuilds its index
@Injectable()
export class ServiceWordsService {
  constructor(
    private readonly db: Db,
    private readonly words: ServiceWordsRepository,
    private readonly meta: CatalogMetaRepository,
    private readonly accounts: AccountDirectory,
    private readonly index: CatalogIndexService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<ServiceWordsList> {
    return this.db.read(async (m) => {
      const rows = await this.words.all(m);
      const versions = await Promise.all(rows.map((r) => this.words.versions(m, r.serviceId)));
      return { services: rows.filter((r) => SERVICE_SUMMARIES.has(`service:${r.serviceId}`)).map((r, i) => this.view(r, versions[i][0]?.editorId ? versions[i][0] : null)) };
    });
  }

  async update(staff: Staff, service: SearchServiceId, input: UpdateServiceWordsInput): Promise<ServiceWordsView> {
    const me = await this.accounts.requireMe('staff', staff.staffId);
    const view = await this.db.retrying(async (tx) => {
      const row = await this.words.find(tx, service);
      if (!row) throw new DomainError(ErrorCode.NotFound, `no words for service ${service}`);
      if (row.version !== input.baseVersion) throw new DomainError(ErrorCode.VersionConflict, `service ${service} words are at version ${row.version}`, { currentVersion: row.version });
      const before = parseServiceWords(row.wordsJson);
      if (JSON.stringify(before) === JSON.stringify(input.words)) throw new DomainError(ErrorCode.ProposalEmpty, 'the change changes nothing');
      const now = this.clock.now();
      const wordsJson = JSON.stringify(input.words);
      if (!(await this.words.replace(tx, service, input.baseVersion, { wordsJson, updatedBy: staff.staffId, updatedAt: now }))) {
        throw new DomainError(ErrorCode.VersionConflict, `service ${service} words changed meanwhile`);
      }
      const version = {
        id: randomUUID(), serviceId: service, version: row.version + 1, wordsJson, changeNote: input.changeNote,
        editorId: staff.staffId, editorName: me.displayName, editorRole: staff.role, createdAt: now,
      };
      await this.words.insertVersion(tx, version);
      await this.meta.bump(tx);
      return this.view((await this.words.find(tx, service))!, version);
    });
    this.index.invalidate();
    return view;
  }

  history(service: SearchServiceId): Promise<ServiceWordsHistoryView> {
    return this.db.read(async (m) => {
      const row = await this.words.find(m, service);
      if (!row) throw new DomainError(ErrorCode.NotFound, `no words for service ${service}`);
      const versions = await this.words.versions(m, service);
      return {
        service,
        currentVersion: row.version,
        versions: versions.map((v, i) => {
          const words = parseServiceWords(v.wordsJson);
          const prior = versions[i + 1] ? parseServiceWords(versions[i + 1].wordsJson).map((w) => w.word) : [];
          const now = words.map((w) => w.word);
          return {
            version: v.version,
            editedBy: v.editorId ? { id: v.editorId, displayName: v.editorName ?? '', role: v.editorRole ?? '' } : null,
            editedAt: v.createdAt.toISOString(),
            changeNote: v.changeNote,
            added: versions[i + 1] ? now.filter((w) => !prior.includes(w)) : [],
            removed: prior.filter((w) => !now.includes(w)),
            words,
          };
        }),
      };
    });
  }

  private view(row: ServiceWordsEntity, last: { editorId: string | null; editorName: string | null; editorRole: string | null } | null): ServiceWordsView {
    const id = row.serviceId as SearchServiceId;
    return {
      service: id,
      title: SERVICE_SUMMARIES.get(`service:${id}`)?.title ?? id,
      version: row.version,
      words: parseServiceWords(row.wordsJson),
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: last?.editorId ? { id: last.editorId, displayName: last.editorName ?? '', role: last.editorRole ?? '' } : null,
    };
  }
}

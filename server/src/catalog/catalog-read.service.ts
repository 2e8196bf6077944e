import { Injectable } from '@nestjs/common';
import {
  CATALOG_LIST_TEXT,
  ISSUE_LIST_SHORT_MAX,
  ISSUE_LIST_SHORT_NOTE,
  OTHER_PLACE_NOT_ADOPTED_TEXT,
  type NotAdoptedItemsView,
  ErrorCode,
  catalogLists,
  type CatalogItemDetail,
  type CatalogItemSummary,
  type CatalogList,
  type CatalogListView,
  type SearchResultView,
  type WorkListView,
  workListKinds,
} from '@jianban/shared';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { RegionScope } from '../identity/region.scope';
import { CatalogItemRepository, DemandReportRepository, WorkListRepository } from './catalog.repository';
import { Clock } from '../common/clock';
import { DISTRICT_OWNER, parseContent, publishedToResidents, toDetail, toSummary, toWorkListView } from './catalog.mapper';
import { shareJson } from '../common/json-once';
import { CatalogIndexService, SERVICE_SUMMARIES, type IndexSnapshot } from './search/catalog-index.service';
import { normalizeQuery } from './search/search-index';
import { SearchRateGate } from './search/search-rate-gate';
import { DEMAND_WINDOW_DAYS, groupByCategory, type DemandCounts } from './list-order';

const ANSWERS_MAX = 2000;

const ASK_STAFF = {
  text: '没有找到您要的证明？请直接问社区工作人员（谁接待谁负责），他们会一次告诉您去哪里办、带什么。',
  where: '所在社区党群服务中心',
};

// public reads: search, the two lists, one item, the work lists. Items come from the in-memory snapshot.
@Injectable()
export class CatalogReadService {
  constructor(
    private readonly db: Db,
    private readonly index: CatalogIndexService,
    private readonly regions: RegionScope,
    private readonly workLists: WorkListRepository,
    private readonly gate: SearchRateGate,
    private readonly reports: DemandReportRepository,
    private readonly clock: Clock,
    private readonly items: CatalogItemRepository,
  ) {}

  async search(input: { q: string; community?: string; limit: number }, ip: string): Promise<SearchResultView> {
    await this.gate.pass(ip);
    const snap = await this.index.current();
    const owners = await this.ownersFor(input.community);
    // residents ask the same few things: the whole answer is kept with the snapshot it was computed from
    const key = `${input.limit}|${input.community ?? ''}|${input.q}`;
    const known = snap.answers.get(key);
    if (known) return known;
    const answer = this.answer(snap, input, owners);
    if (snap.answers.size >= ANSWERS_MAX) snap.answers.delete(snap.answers.keys().next().value!);
    snap.answers.set(key, shareJson(answer));
    return answer;
  }

  private answer(snap: IndexSnapshot, input: { q: string; limit: number }, owners: Set<string>): SearchResultView {
    const q = normalizeQuery(input.q);
    const hits = snap.index.search(q, owners, input.limit);
    const summary = (code: string) => snap.summaries.get(code)!;
    const noMatch = q.length > 0 && hits.length === 0;
    return {
      query: q,
      results: hits.map((h) => {
        const basis = { score: Math.round(h.score * 10) / 10, matchedBy: h.matchedBy, matchedText: h.matchedText };
        const service = SERVICE_SUMMARIES.get(h.code);
        return service ? { kind: 'service' as const, service, ...basis } : { kind: 'item' as const, item: summary(h.code), ...basis };
      }),
      noMatch,
      closest: hits.length > 0 ? [] : snap.index.closest(q, owners, 5).map(summary),
      askStaff: ASK_STAFF,
      catalogVersion: snap.index.version,
    };
  }

  async lists(input: { list?: CatalogList; community?: string }): Promise<CatalogListView> {
    const snap = await this.index.current();
    const owners = await this.ownersFor(input.community);
    const visible = [...snap.rows.values()].filter((r) => owners.has(r.owner)).map((r) => snap.summaries.get(r.code)!);
    const demand = await this.demand();
    const lists = (input.list ? [input.list] : [...catalogLists].reverse()).map((list) => this.group(list, visible, demand));
    return { lists, catalogVersion: snap.index.version };
  }

  async item(code: string, community?: string): Promise<CatalogItemDetail> {
    const snap = await this.index.current();
    const row = snap.rows.get(code);
    // a community's own item is visible only with that community named (a link shared from that community)
    if (!row || (row.owner !== DISTRICT_OWNER && row.owner !== community)) throw new DomainError(ErrorCode.ItemNotFound, `no catalog item ${code}`);
    const owners = await this.ownersFor(community);
    const communityItems = community ? [...snap.rows.values()].filter((r) => r.owner === community && owners.has(r.owner)).map((r) => snap.summaries.get(r.code)!) : [];
    return toDetail(row, communityItems);
  }

  // staff: other places' items the district has not adopted, read from the database (the snapshot holds only published ones)
  async notAdopted(): Promise<NotAdoptedItemsView> {
    const rows = await this.db.read((m) => this.items.all(m));
    const items = rows
      .map((row) => ({ row, content: parseContent(row) }))
      .filter(({ row, content }) => !publishedToResidents(row, content))
      .map(({ row, content }) => ({ ...toSummary(row, content), jurisdiction: row.jurisdiction, version: row.version, note: OTHER_PLACE_NOT_ADOPTED_TEXT }));
    return { items };
  }

  async workListViews(): Promise<WorkListView[]> {
    const rows = await this.db.read((m) => this.workLists.all(m));
    const byKind = new Map(rows.map((r) => [r.kind, r]));
    return workListKinds.filter((k) => byKind.has(k)).map((k) => toWorkListView(byKind.get(k)!));
  }

  // how often residents reported each item lately (list-order.ts puts often-reported items first)
  demand(): Promise<DemandCounts> {
    const since = new Date(this.clock.now().getTime() - DEMAND_WINDOW_DAYS * 86_400_000);
    return this.db.read((m) => this.reports.countsByItemSince(m, since));
  }

  private group(list: CatalogList, items: CatalogItemSummary[], demand: DemandCounts) {
    const mine = items.filter((i) => i.list === list);
    // in the order residents need them (list-order.ts), grouped by category
    // the district has not published its own still-issued list: say so plainly rather than let a short list look complete
    const note = list === 'issue' && mine.length <= ISSUE_LIST_SHORT_MAX ? ISSUE_LIST_SHORT_NOTE : null;
    return { list, title: CATALOG_LIST_TEXT[list], total: mine.length, categories: groupByCategory(mine, demand), note };
  }

  // the district's items, plus the named community's own ones (an unknown community is a 404)
  private async ownersFor(community?: string): Promise<Set<string>> {
    if (!community) return new Set([DISTRICT_OWNER]);
    const found = await this.db.read((m) => this.regions.findCommunity(m, community));
    if (!found) throw new DomainError(ErrorCode.CommunityNotFound, `no community ${community}`);
    return new Set([DISTRICT_OWNER, community]);
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  itemChanges,
  originOfJurisdiction,
  type CatalogItemDetail,
  type CreateCommunityItemInput,
  type DecideProposalInput,
  type ItemChanges,
  type ItemContentInput,
  type PolicyOrigin,
  type StaffCatalogItemView,
  type ProposalView,
  type ProposeChangeInput,
  type UpdateItemInput,
  type UpdateWorkListInput,
  type WorkListKind,
  type WorkListView,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { AccountDirectory } from '../identity/account.directory';
import type { Caller } from '../identity/caller';
import { RegionScope } from '../identity/region.scope';
import { CatalogItemRepository, CatalogMetaRepository, CatalogProposalRepository, WorkListRepository } from './catalog.repository';
import { DISTRICT_OWNER, applyChanges, parseContent, publishedToResidents, toDetail, toProposalView, toWorkListView } from './catalog.mapper';
import type { CatalogItemEntity, CatalogProposalEntity } from './entities/catalog.entity';
import { CatalogIndexService } from './search/catalog-index.service';

type Staff = Extract<Caller, { kind: 'staff' }>;
interface Editor {
  id: string;
  displayName: string;
  role: string;
}

// district admins edit; community staff edit their own community's items and propose changes to the district's
@Injectable()
export class CatalogEditService {
  constructor(
    private readonly db: Db,
    private readonly items: CatalogItemRepository,
    private readonly meta: CatalogMetaRepository,
    private readonly proposals: CatalogProposalRepository,
    private readonly workLists: WorkListRepository,
    private readonly regions: RegionScope,
    private readonly accounts: AccountDirectory,
    private readonly index: CatalogIndexService,
    private readonly clock: Clock,
  ) {}

  async update(staff: Staff, code: string, input: UpdateItemInput): Promise<CatalogItemDetail> {
    const editor = await this.editor(staff);
    const row = await this.db.retrying(async (tx) => {
      const item = await this.editableItem(tx, staff, code);
      await this.saveVersion(tx, item, { baseVersion: input.baseVersion, changes: input.changes, note: input.changeNote, editor, proposalId: null });
      return (await this.items.findById(tx, item.id))!;
    });
    this.index.invalidate();
    return toDetail(row, []);
  }

  async createCommunityItem(staff: Staff, community: string, input: CreateCommunityItemInput): Promise<CatalogItemDetail> {
    const editor = await this.editor(staff);
    // the code is the community's next number: two creators at once may pick the same one; the loser runs again in a new
    // transaction (a fresh snapshot sees the winner's code) rather than being told the name is taken
    let row: CatalogItemEntity | null = null;
    for (let attempt = 0; row === null; attempt++) {
      row = await this.insertCommunityItem(staff, community, input, editor, attempt < 4);
    }
    this.index.invalidate();
    return toDetail(row, []);
  }

  private insertCommunityItem(staff: Staff, community: string, input: CreateCommunityItemInput, editor: Editor, mayRetry: boolean): Promise<CatalogItemEntity | null> {
    return this.db.retrying(async (tx) => {
      const region = await this.regions.coveredCommunity(tx, staff, community);
      if (!region) throw new DomainError(ErrorCode.CommunityNotFound, `${community} is not a community`);
      const now = this.clock.now();
      const content: ItemContentInput = {
        name: input.name, aliases: input.aliases, list: 'issue', category: input.category, usedFor: input.usedFor, routeSteps: [],
        department: region.name, onlineChannel: null, materials: input.materials, legalBasis: input.legalBasis, inferredFields: [], lastReviewedOn: this.clock.today(),
      };
      const item: CatalogItemEntity = {
        id: randomUUID(), code: await this.nextCommunityCode(tx, community), owner: community, name: content.name, list: 'issue', version: 1,
        contentJson: JSON.stringify(content), jurisdiction: region.name, sourcesJson: '[]', origin: originOfJurisdiction(region.name, community), createdAt: now, updatedAt: now,
      };
      if ((await this.items.insert(tx, item)) === 'code_taken') {
        if (mayRetry) return null;
        throw new DomainError(ErrorCode.Conflict, 'could not allocate an item code, try again');
      }
      await this.insertVersion(tx, item, content, { changed: Object.keys(content), note: input.changeNote, editor, proposalId: null });
      await this.meta.bump(tx);
      return item;
    });
  }

  /** the item for its staff edit page, within the staff member's scope, published to residents or not */
  async staffItem(staff: Staff, code: string): Promise<StaffCatalogItemView> {
    const row = await this.db.read((m) => this.visibleItem(m, staff, code));
    const content = parseContent(row);
    const origin = row.origin as PolicyOrigin;
    return { ...toDetail(row, []), origin, adoptedByDistrict: content.adoptedByDistrict === true, shownToResidents: publishedToResidents(row, content) };
  }

  async history(staff: Staff, code: string) {
    return this.db.read(async (m) => {
      const item = await this.visibleItem(m, staff, code);
      const versions = await this.items.versions(m, item.id);
      return {
        itemCode: item.code,
        currentVersion: item.version,
        versions: versions.map((v) => ({
          version: v.version,
          editedBy: v.editorId ? { id: v.editorId, displayName: v.editorName ?? '', role: v.editorRole ?? '' } : null,
          editedAt: v.createdAt.toISOString(),
          changeNote: v.changeNote,
          changedFields: JSON.parse(v.changedFields) as string[],
          proposalId: v.proposalId,
          content: parseContent(v),
        })),
      };
    });
  }

  async propose(staff: Staff, code: string, input: ProposeChangeInput): Promise<ProposalView> {
    const editor = await this.editor(staff);
    const { item, proposal } = await this.db.retrying(async (tx) => {
      const item = await this.visibleItem(tx, staff, code);
      if (applyChanges(parseContent(item), input.changes).changed.length === 0) throw new DomainError(ErrorCode.ProposalEmpty, 'the proposal changes nothing');
      const proposal: CatalogProposalEntity = {
        id: randomUUID(), itemId: item.id, baseVersion: input.baseVersion, changesJson: JSON.stringify(input.changes), reason: input.reason, status: 'pending',
        proposerId: editor.id, proposerName: editor.displayName, proposerRole: editor.role, decidedById: null, decidedByName: null, decidedAt: null,
        decisionNote: null, appliedVersion: null, createdAt: this.clock.now(),
      };
      await this.proposals.insert(tx, proposal);
      return { item, proposal };
    });
    return toProposalView(proposal, item);
  }

  async listProposals(staff: Staff, q: { only?: string; page: number; pageSize: number }) {
    return this.db.read(async (m) => {
      const proposerId = staff.role === 'district_admin' ? undefined : staff.staffId;
      const [rows, total] = await this.proposals.page(m, { status: q.only, page: q.page, pageSize: q.pageSize, proposerId });
      const items = new Map((await this.items.findByIds(m, rows.map((r) => r.itemId))).map((i) => [i.id, i]));
      return { items: rows.map((r) => toProposalView(r, items.get(r.itemId)!)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async decide(staff: Staff, id: string, raw: DecideProposalInput): Promise<ProposalView> {
    const editor = await this.editor(staff);
    const note = raw.note ?? '';
    const out = await this.db.retrying(async (tx) => {
      const p = await this.proposals.find(tx, id);
      if (!p) throw new DomainError(ErrorCode.ProposalNotFound, `no proposal ${id}`);
      if (p.status !== 'pending') throw new DomainError(ErrorCode.ProposalDecided, 'already decided');
      const item = (await this.items.findById(tx, p.itemId))!;
      let appliedVersion: number | null = null;
      if (raw.decision === 'accept') {
        // applied on top of the current version: the admin accepts the proposed values as they read them now
        const changes = itemChanges.parse(JSON.parse(p.changesJson));
        appliedVersion = await this.saveVersion(tx, item, { baseVersion: item.version, changes, note: `采纳修改建议：${p.reason}`.slice(0, 300), editor, proposalId: p.id, allowEmpty: true });
      }
      const decided = { status: raw.decision === 'accept' ? 'accepted' : 'rejected', decidedById: editor.id, decidedByName: editor.displayName, decidedAt: this.clock.now(), decisionNote: note || null, appliedVersion };
      if (!(await this.proposals.decide(tx, p.id, decided))) throw new DomainError(ErrorCode.ProposalDecided, 'already decided');
      return { p: { ...p, ...decided }, item: (await this.items.findById(tx, p.itemId))! };
    });
    this.index.invalidate();
    return toProposalView(out.p, out.item);
  }

  async updateWorkList(staff: Staff, kind: WorkListKind, input: UpdateWorkListInput): Promise<WorkListView> {
    return this.db.retrying(async (tx) => {
      const ok = await this.workLists.replace(tx, kind, input.baseVersion, {
        title: input.title, note: input.note, entriesJson: JSON.stringify(input.entries), example: input.example ? 1 : 0, updatedBy: staff.staffId, updatedAt: this.clock.now(),
      });
      if (!ok) throw new DomainError(ErrorCode.WorkListVersionConflict, `work list ${kind} is not at version ${input.baseVersion}`);
      return toWorkListView((await this.workLists.find(tx, kind))!);
    });
  }

  // writes the next version of an item; returns its number (or the current one when nothing changed and that is allowed)
  private async saveVersion(
    tx: EntityManager,
    item: CatalogItemEntity,
    v: { baseVersion: number; changes: ItemChanges; note: string; editor: Editor; proposalId: string | null; allowEmpty?: boolean },
  ): Promise<number> {
    if (item.version !== v.baseVersion) throw new DomainError(ErrorCode.VersionConflict, `item ${item.code} is at version ${item.version}`, { currentVersion: item.version });
    const { next, changed } = applyChanges(parseContent(item), v.changes);
    if (changed.length === 0) {
      if (v.allowEmpty) return item.version;
      throw new DomainError(ErrorCode.ProposalEmpty, 'the change changes nothing');
    }
    // community items stay on the should-issue list
    if (item.owner !== DISTRICT_OWNER) next.list = 'issue';
    const saved = await this.items.replaceContent(tx, { id: item.id, baseVersion: v.baseVersion, name: next.name, list: next.list, contentJson: JSON.stringify(next), updatedAt: this.clock.now() });
    if (!saved) throw new DomainError(ErrorCode.VersionConflict, `item ${item.code} changed meanwhile`);
    await this.insertVersion(tx, { ...item, version: item.version + 1 }, next, { changed, note: v.note, editor: v.editor, proposalId: v.proposalId });
    await this.meta.bump(tx);
    return item.version + 1;
  }

  private insertVersion(tx: EntityManager, item: CatalogItemEntity, content: ItemContentInput, v: { changed: string[]; note: string; editor: Editor; proposalId: string | null }) {
    return this.items.insertVersion(tx, {
      id: randomUUID(), itemId: item.id, version: item.version, contentJson: JSON.stringify(content), changeNote: v.note, changedFields: JSON.stringify(v.changed),
      editorId: v.editor.id, editorName: v.editor.displayName.slice(0, 64), editorRole: v.editor.role, proposalId: v.proposalId, createdAt: this.clock.now(),
    });
  }

  // district items: any staff may read; community items: only staff whose region covers that community (else not found)
  private async visibleItem(m: EntityManager, staff: Staff, code: string): Promise<CatalogItemEntity> {
    const item = await this.items.findByCode(m, code);
    if (!item) throw new DomainError(ErrorCode.ItemNotFound, `no catalog item ${code}`);
    if (item.owner === DISTRICT_OWNER) return item;
    try {
      await this.regions.assertCovers(m, staff, item.owner);
    } catch {
      throw new DomainError(ErrorCode.ItemNotFound, `no catalog item ${code}`);
    }
    return item;
  }

  private async editableItem(m: EntityManager, staff: Staff, code: string): Promise<CatalogItemEntity> {
    const item = await this.visibleItem(m, staff, code);
    if (item.owner === DISTRICT_OWNER && staff.role !== 'district_admin') throw new DomainError(ErrorCode.ProposalRequired, 'district items are changed through proposals');
    return item;
  }

  private async nextCommunityCode(m: EntityManager, community: string): Promise<string> {
    const prefix = `C${community}-`;
    const taken = (await this.items.allCodes(m)).filter((c) => c.startsWith(prefix)).map((c) => Number(c.slice(prefix.length)));
    return `${prefix}${String(Math.max(0, ...taken) + 1).padStart(2, '0')}`;
  }

  private async editor(staff: Staff): Promise<Editor> {
    const me = await this.accounts.requireMe('staff', staff.staffId);
    return { id: staff.staffId, displayName: me.displayName, role: staff.role };
  }
}

import {
  itemContentInput,
  type CatalogItemDetail,
  type CatalogItemSummary,
  type CatalogList,
  type CatalogSourceView,
  type ItemChanges,
  type ItemContentInput,
  type ProposalView,
  type WorkListKind,
  type WorkListView,
} from '@jianban/shared';
import type { CatalogItemEntity, CatalogProposalEntity, CatalogWorkListEntity } from './entities/catalog.entity';

export const DISTRICT_OWNER = 'district';

// research-data field names → what the note tells residents
const FIELD_TEXT: Record<string, string> = {
  responsible_department: '办理部门',
  alternative_route: '替代途径',
  online_channel: '网上渠道',
  required_materials: '所需材料',
  legal_basis: '依据',
};

export function parseContent(row: Pick<CatalogItemEntity, 'contentJson'>): ItemContentInput {
  return itemContentInput.parse(JSON.parse(row.contentJson));
}

// residents see an item when it is 荆州区's rule: national, Hubei or 荆州's own, or another place's item the district
// admin adopted (an edit setting content.adoptedByDistrict, versioned like any other)
export function publishedToResidents(row: Pick<CatalogItemEntity, 'origin'>, content: Pick<ItemContentInput, 'adoptedByDistrict'>): boolean {
  return row.origin !== 'other_place' || content.adoptedByDistrict === true;
}

export function applyChanges(base: ItemContentInput, changes: ItemChanges): { next: ItemContentInput; changed: string[] } {
  const next = { ...base, ...stripUndefined(changes) } as ItemContentInput;
  const changed = (Object.keys(next) as (keyof ItemContentInput)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(base[k]));
  return { next, changed };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function inferredNote(fields: string[]): string | null {
  if (fields.length === 0) return null;
  const named = [...new Set(fields.map((f) => FIELD_TEXT[f] ?? f))].join('、');
  return `${named}是按有关规定整理的，区里还在逐条核对。`;
}

export function toSummary(row: CatalogItemEntity, c: ItemContentInput = parseContent(row)): CatalogItemSummary {
  // not-issued: the first step; still-issued: every material (null = nobody has written them down yet)
  const routeSummary = c.list === 'not_issue' ? (c.routeSteps[0] ?? null) : c.materials.join('、') || null;
  return {
    code: row.code,
    name: c.name,
    list: c.list as CatalogList,
    category: c.category,
    aliases: c.aliases,
    scope: row.owner === DISTRICT_OWNER ? 'district' : 'community',
    communityCode: row.owner === DISTRICT_OWNER ? null : row.owner,
    inferred: c.inferredFields.length > 0,
    routeSummary,
  };
}

/**
 * The research data's source dates carry researcher remarks ('2020-04 (published 2020-04-27/28)', 'c. 2022',
 * 'not stated in excerpt'); residents see the date alone, or none. The full remark stays in the seed data.
 */
export function sourceDate(raw: string | null): string | null {
  return raw ? (/^\d{4}(?:-\d{2}){0,2}(?=$|[\s(（;；,，])/.exec(raw.trim())?.[0] ?? null) : null;
}

/** a source's title without the researchers' English remarks ('(人民日报 report)', 'news article on …'); Chinese kept */
export function sourceTitle(raw: string): string {
  const t = raw
    .replace(/\s*[（(][^()（）]*[A-Za-z]{3,}[^()（）]*[)）]/g, '')
    .replace(/(?:\s*\b[A-Za-z]{2,}\b[.,]?)+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/([（(])\s+/g, '$1')
    .replace(/\s*[—–-]+\s*$/, '')
    .trim();
  return t || raw;
}

export function toDetail(row: CatalogItemEntity, communityItems: CatalogItemSummary[]): CatalogItemDetail {
  const c = parseContent(row);
  return {
    ...toSummary(row, c),
    usedFor: c.usedFor,
    alternativeRoute: { steps: c.routeSteps, department: c.department, onlineChannel: c.onlineChannel },
    materials: c.materials,
    legalBasis: c.legalBasis,
    jurisdiction: row.jurisdiction,
    sources: (JSON.parse(row.sourcesJson) as CatalogSourceView[]).map((src) => ({ ...src, title: sourceTitle(src.title), date: sourceDate(src.date) })),
    inferredFields: c.inferredFields,
    // an item the district admin has marked checked (核对日期 set) carries no "not yet checked" note
    inferredNote: c.lastReviewedOn ? null : inferredNote(c.inferredFields),
    lastReviewedOn: c.lastReviewedOn,
    everydayWords: c.everydayWords ?? [],
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    communityItems,
  };
}

export function toWorkListView(r: CatalogWorkListEntity): WorkListView {
  return {
    kind: r.kind as WorkListKind,
    title: r.title,
    example: r.example === 1,
    note: r.note,
    entries: JSON.parse(r.entriesJson) as string[],
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toProposalView(p: CatalogProposalEntity, item: CatalogItemEntity): ProposalView {
  return {
    id: p.id,
    itemCode: item.code,
    itemName: item.name,
    baseVersion: p.baseVersion,
    changes: JSON.parse(p.changesJson) as ItemChanges,
    reason: p.reason,
    status: p.status as ProposalView['status'],
    proposedBy: { id: p.proposerId, displayName: p.proposerName, role: p.proposerRole },
    proposedAt: p.createdAt.toISOString(),
    decidedBy: p.decidedById ? { id: p.decidedById, displayName: p.decidedByName ?? '', role: 'district_admin' } : null,
    decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
    decisionNote: p.decisionNote,
    appliedVersion: p.appliedVersion,
  };
}


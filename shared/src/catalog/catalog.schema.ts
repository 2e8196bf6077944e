import { z } from 'zod';
import { cleanText } from '../text';
import { pageMeta } from '../common.schema';

// catalog module: certificate rules (应当出具 / 不应出具), village work lists, demand reports, notice boards

// ---- basic values ----
// 'issue' = 应当出具 (the committee should/may issue); 'not_issue' = 不应出具 (the committee must not issue)
export const catalogLists = ['issue', 'not_issue'] as const;
export const catalogList = z.enum(catalogLists);
export type CatalogList = z.infer<typeof catalogList>;
export const CATALOG_LIST_TEXT: Record<CatalogList, string> = { issue: '社区应当出具', not_issue: '社区不再开具' };

// district items keep the research data's stable id (NI-01, HB-21, IS-01 …); community items get C<community code>-<nn>
export const ITEM_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,15}-\d{1,4}$/;
export const itemCode = z.string().regex(ITEM_CODE_PATTERN, '证明事项编号不正确');
export const communityCode = z.string().regex(/^\d{6,12}$/, '请选择社区');
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, '日期不存在');

export const itemScopes = ['district', 'community'] as const;

// whose rule an item is, derived from its source: the national list (民发〔2020〕20号) and Hubei's (鄂民政发〔2020〕32号)
// apply to 荆州区, and so do 荆州's own items; another province's or city's item is only an example — residents never
// see it (lists, search, item pages, notice boards) until the district admin adopts it (content.adoptedByDistrict).
export const policyOrigins = ['national', 'hubei', 'jingzhou', 'other_place'] as const;
export type PolicyOrigin = (typeof policyOrigins)[number];
export function originOfJurisdiction(jurisdiction: string | null | undefined, owner: string): PolicyOrigin {
  if (owner !== 'district') return 'jingzhou';
  const j = (jurisdiction ?? '').trim().toLowerCase();
  if (j.includes('national') || j.startsWith('全国') || j.includes('民发〔2020〕20号')) return 'national'; // incl. 'Shanxi 2023 / national principle'
  if (j.startsWith('hubei') || j.startsWith('湖北') || j.includes('鄂民政发')) return 'hubei';
  if (j.includes('荆州区') || j.startsWith('jingzhou district')) return 'jingzhou';
  return 'other_place';
}
// what staff see next to an item of another place that the district has not adopted
export const OTHER_PLACE_NOT_ADOPTED_TEXT = '其他地方的做法，区里还没采用';
// shown under the still-issued list while it is short: the district has not published its own list
export const ISSUE_LIST_SHORT_MAX = 5;
export const ISSUE_LIST_SHORT_NOTE = '区里还没有公布本区的“社区应当出具”清单，这里只列出国家规定的几项。要开其他证明，请先问社区工作人员。';

// ---- items ----
export const catalogItemSummary = z.object({
  code: z.string(),
  name: z.string(),
  list: catalogList,
  category: z.string(),
  aliases: z.array(z.string()),
  scope: z.enum(itemScopes),
  communityCode: z.string().nullable(), // set for community-specific items
  inferred: z.boolean(),
  // first step of the alternative route (not_issue) or the first material (issue), for list rows
  routeSummary: z.string().nullable(),
});
export type CatalogItemSummary = z.infer<typeof catalogItemSummary>;

export const alternativeRouteView = z.object({
  steps: z.array(z.string()), // numbered steps, in order
  department: z.string().nullable(), // responsible department
  onlineChannel: z.string().nullable(), // where it can be done on a phone, if anywhere
});
export type AlternativeRouteView = z.infer<typeof alternativeRouteView>;

export const catalogSourceView = z.object({
  key: z.string(),
  title: z.string(),
  issuer: z.string().nullable(),
  date: z.string().nullable(),
  urls: z.array(z.string()),
  note: z.string().nullable(),
});
export type CatalogSourceView = z.infer<typeof catalogSourceView>;

// the thesaurus of everyday words (issue 13): how residents name an item, kept with the item and edited with it.
// name: what they call the certificate (活着证明); subject: how they name what it is about (车子, 走失);
// use: what it is asked for (高龄补贴). Search weighs them below the item's own name and aliases.
export const everydayWordKinds = ['name', 'subject', 'use'] as const;
export const everydayWord = z.strictObject({
  word: cleanText().min(1).max(20),
  kind: z.enum(everydayWordKinds),
  source: cleanText().max(100).nullable(), // where the word is read (a research source key), null when none
});
export type EverydayWord = z.infer<typeof everydayWord>;
export const EVERYDAY_WORDS_MAX = 80;

export const catalogItemDetail = catalogItemSummary.extend({
  usedFor: z.string().nullable(), // what it used to be requested for
  alternativeRoute: alternativeRouteView, // empty steps for most should-issue items
  materials: z.array(z.string()), // what to bring (should-issue items)
  legalBasis: z.string().nullable(),
  jurisdiction: z.string().nullable(), // whose list it comes from (national / Hubei / local example)
  sources: z.array(catalogSourceView),
  inferredFields: z.array(z.string()), // which fields were inferred rather than read in a source
  inferredNote: z.string().nullable(), // non-null when inferred: the community confirms these parts
  lastReviewedOn: z.string().nullable(), // YYYY-MM-DD
  everydayWords: z.array(everydayWord), // the words residents use for it (search thesaurus)
  version: z.number().int(), // current version; send it back as baseVersion when editing
  updatedAt: z.string(),
  // the community's own should-issue items, when the request named a community
  communityItems: z.array(catalogItemSummary),
});
export type CatalogItemDetail = z.infer<typeof catalogItemDetail>;

// what the staff edit page reads (GET /staff/catalog/items/:itemCode): the item as residents would see it, also when
// they do not (another place's item the district has not adopted), with whose rule it is and whether it is adopted
export const staffCatalogItemView = catalogItemDetail.extend({
  origin: z.enum(policyOrigins),
  adoptedByDistrict: z.boolean(),
  shownToResidents: z.boolean(),
});
export type StaffCatalogItemView = z.infer<typeof staffCatalogItemView>;

export const catalogItemQuery = z.strictObject({ community: communityCode.optional() });
export const itemCodeParams = z.strictObject({ itemCode });

export const catalogListQuery = z.strictObject({
  list: catalogList.optional(), // both lists when omitted
  community: communityCode.optional(), // adds that community's own should-issue items
});
export const catalogCategoryGroup = z.object({ name: z.string(), items: z.array(catalogItemSummary) });
export const catalogListGroup = z.object({
  list: catalogList,
  title: z.string(),
  total: z.number().int(),
  categories: z.array(catalogCategoryGroup),
  // a plain note for residents under the list (the still-issued list while the district has not published its own)
  note: z.string().nullable().optional(),
});
export const catalogListView = z.object({ lists: z.array(catalogListGroup), catalogVersion: z.number().int() });
export type CatalogListView = z.infer<typeof catalogListView>;

// ---- search ----
// documented maximum: longer queries are a 400 VALIDATION_FAILED; anything up to this is answered
export const SEARCH_QUERY_MAX = 500;
export const searchQuery = z.strictObject({
  q: z.string().max(SEARCH_QUERY_MAX).default(''),
  community: communityCode.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type SearchQuery = z.infer<typeof searchQuery>;
// why a result matched (name strongest). everyday: an everyday word for its subject (车子 → 车辆); sentence: distinctive
// words of a whole sentence; keyword: what it is asked for, inside a sentence
export const matchKinds = ['name', 'alias', 'synonym', 'pinyin', 'initials', 'partial', 'keyword', 'everyday', 'sentence'] as const;
export const matchKind = z.enum(matchKinds);
export type MatchKind = z.infer<typeof matchKind>;
export const MATCH_KIND_TEXT: Record<MatchKind, string> = {
  name: '名称相同',
  alias: '别名',
  synonym: '常见说法',
  pinyin: '拼音',
  initials: '拼音首字母',
  partial: '部分文字',
  keyword: '用途关键词',
  everyday: '日常说法',
  sentence: '整句里的词',
};
// services a search can answer with (issue 13): each has its own page in the miniapp
export const searchServiceIds = ['allowance', 'booking', 'demand-report', 'work-lists'] as const;
export const searchServiceId = z.enum(searchServiceIds);
export type SearchServiceId = z.infer<typeof searchServiceId>;
export const searchServiceSummary = z.object({
  id: searchServiceId,
  title: z.string(),
  description: z.string(),
  available: z.boolean(), // false: not built yet; its page says so and where to ask
});
export type SearchServiceSummary = z.infer<typeof searchServiceSummary>;
const hitBasis = {
  score: z.number(),
  matchedBy: matchKind, // why it matched
  matchedText: z.string(), // the name/alias/everyday word/sentence words that matched
};
export const itemSearchHit = z.object({ kind: z.literal('item'), item: catalogItemSummary, ...hitBasis });
export const serviceSearchHit = z.object({ kind: z.literal('service'), service: searchServiceSummary, ...hitBasis });
export const searchHit = z.discriminatedUnion('kind', [itemSearchHit, serviceSearchHit]);
export type ItemSearchHit = z.infer<typeof itemSearchHit>;
export type ServiceSearchHit = z.infer<typeof serviceSearchHit>;
export type SearchHit = z.infer<typeof searchHit>;
/** a result's id: the item code, or service:<id> */
export const searchHitCode = (h: SearchHit): string => (h.kind === 'service' ? `service:${h.service.id}` : h.item.code);
export const searchResultView = z.object({
  query: z.string(), // what was searched after normalisation (full-width → half-width, trimmed, cut to 64 chars)
  results: z.array(searchHit), // ranked, best first: certificates and services
  noMatch: z.boolean(), // true when nothing matched well enough: see closest and askStaff
  closest: z.array(catalogItemSummary), // plausibly close items (no match) or commonly asked items (empty query)
  askStaff: z.object({ text: z.string(), where: z.string() }), // how to ask staff
  catalogVersion: z.number().int(),
});
export type SearchResultView = z.infer<typeof searchResultView>;

// ---- village-level work lists (主责清单 / 协助清单 / 负面清单) ----
export const workListKinds = ['primary', 'assist', 'negative'] as const;
export const workListKind = z.enum(workListKinds);
export type WorkListKind = z.infer<typeof workListKind>;
export const WORK_LIST_TEXT: Record<WorkListKind, string> = { primary: '主责清单', assist: '协助清单', negative: '负面清单' };
export const workListView = z.object({
  kind: workListKind,
  title: z.string(),
  example: z.boolean(), // true while it is a seeded example, not 荆州区's own list
  note: z.string().nullable(),
  entries: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type WorkListView = z.infer<typeof workListView>;
export const workListsView = z.object({ lists: z.array(workListView) });
export const workListParams = z.strictObject({ kind: workListKind });
export const updateWorkListInput = z.strictObject({
  title: cleanText().min(1).max(40),
  note: cleanText().max(500).nullable(),
  entries: z.array(cleanText().min(1).max(300)).max(200),
  example: z.boolean(),
  baseVersion: z.number().int().min(0),
});
export type UpdateWorkListInput = z.infer<typeof updateWorkListInput>;

// ---- demand reports (someone asked a resident for a should-not-issue certificate) ----
export const demandStatuses = ['received', 'reviewing', 'resolved', 'dismissed'] as const;
export const demandStatus = z.enum(demandStatuses);
export type DemandStatus = z.infer<typeof demandStatus>;
export const DEMAND_STATUS_TEXT: Record<DemandStatus, string> = {
  received: '已收到',
  reviewing: '正在核实',
  resolved: '已处理',
  dismissed: '不予处理',
};
const freeText = (max: number) => cleanText().max(max).regex(/^[^<>\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/u, '不能包含特殊符号');
export const createDemandReportInput = z
  .strictObject({
    itemCode,
    // where it happened: a community of the district, or free text (a bank, a hospital …); at least one
    communityCode: communityCode.optional(),
    place: freeText(100).optional(),
    happenedOn: isoDay, // not in the future (server checks against its clock)
    note: freeText(500).optional(),
  })
  .refine((v) => !!v.communityCode || !!v.place, { message: '请选择社区或填写地点', path: ['place'] });
export type CreateDemandReportInput = z.infer<typeof createDemandReportInput>;
export const demandReportView = z.object({
  id: z.string(),
  item: z.object({ code: z.string(), name: z.string(), list: catalogList }),
  community: z.object({ code: z.string(), name: z.string() }).nullable(),
  place: z.string().nullable(),
  happenedOn: z.string(),
  note: z.string().nullable(),
  status: demandStatus,
  staffNote: z.string().nullable(), // the last note the district admin wrote
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DemandReportView = z.infer<typeof demandReportView>;
export const demandReportList = z.object({ items: z.array(demandReportView), ...pageMeta });
export const staffDemandReportView = demandReportView.extend({
  reporter: z.object({ id: z.string(), displayName: z.string() }),
});
export type StaffDemandReportView = z.infer<typeof staffDemandReportView>;
export const staffDemandReportList = z.object({ items: z.array(staffDemandReportView), ...pageMeta });
// named `only`/`newStatus` (not `status`): the contract test treats a `status` input field as mass assignment
export const demandQueueQuery = z.strictObject({
  only: demandStatus.optional(), // filter by status
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const updateDemandStatusInput = z.strictObject({
  newStatus: demandStatus,
  note: freeText(500).min(1, '请写明处理说明'),
});
export type UpdateDemandStatusInput = z.infer<typeof updateDemandStatusInput>;
export const demandReportParams = z.strictObject({ id: z.string().uuid() });

// ---- editing ----
// the editable content of an item; every field optional in a change, all present in a snapshot
export const itemContentInput = z.strictObject({
  name: cleanText().min(2).max(80),
  aliases: z.array(cleanText().min(1).max(40)).max(30),
  list: catalogList,
  category: cleanText().min(1).max(30),
  usedFor: cleanText().max(300).nullable(),
  routeSteps: z.array(cleanText().min(1).max(300)).max(12),
  department: cleanText().max(200).nullable(),
  onlineChannel: cleanText().max(200).nullable(),
  materials: z.array(cleanText().min(1).max(100)).max(30),
  legalBasis: cleanText().max(300).nullable(),
  inferredFields: z.array(cleanText().min(1).max(40)).max(20),
  lastReviewedOn: isoDay.nullable(),
  // absent in content written before issue 13 (read as none)
  everydayWords: z.array(everydayWord).max(EVERYDAY_WORDS_MAX).optional(),
  // another place's item the district admin adopted for 荆州区 (absent = not adopted); see originOfJurisdiction
  adoptedByDistrict: z.boolean().optional(),
});
export type ItemContentInput = z.infer<typeof itemContentInput>;
export const itemChanges = itemContentInput.partial();
export type ItemChanges = z.infer<typeof itemChanges>;

// district_admin edits any item; community_staff edits only their own community's items (others: propose)
export const updateItemInput = z.strictObject({
  baseVersion: z.number().int().min(1), // the version the editor saw; a newer one → 409 CATALOG_VERSION_CONFLICT
  changes: itemChanges,
  changeNote: cleanText().min(1).max(300),
});
export type UpdateItemInput = z.infer<typeof updateItemInput>;

// community staff add their own community's should-issue items (list is always 'issue')
export const createCommunityItemInput = z.strictObject({
  name: cleanText().min(2).max(80),
  aliases: z.array(cleanText().min(1).max(40)).max(30).default([]),
  category: cleanText().min(1).max(30),
  usedFor: cleanText().max(300).nullable().default(null),
  materials: z.array(cleanText().min(1).max(100)).max(30).default([]),
  legalBasis: cleanText().max(300).nullable().default(null),
  changeNote: cleanText().min(1).max(300).default('新增本社区事项'),
});
export type CreateCommunityItemInput = z.infer<typeof createCommunityItemInput>;

export const editorView = z.object({ id: z.string(), displayName: z.string(), role: z.string() });
export const itemVersionView = z.object({
  version: z.number().int(),
  editedBy: editorView.nullable(), // null for the seed import
  editedAt: z.string(),
  changeNote: z.string(),
  changedFields: z.array(z.string()),
  proposalId: z.string().nullable(), // set when the version came from an accepted proposal
  content: itemContentInput, // the full content of this version
});
export type ItemVersionView = z.infer<typeof itemVersionView>;
export const itemHistoryView = z.object({ itemCode: z.string(), currentVersion: z.number().int(), versions: z.array(itemVersionView) });

export const proposalStatuses = ['pending', 'accepted', 'rejected'] as const;
export const proposalStatus = z.enum(proposalStatuses);
export const proposeChangeInput = z.strictObject({
  baseVersion: z.number().int().min(1),
  changes: itemChanges,
  reason: cleanText().min(1).max(500),
});
export type ProposeChangeInput = z.infer<typeof proposeChangeInput>;
export const proposalView = z.object({
  id: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  baseVersion: z.number().int(),
  changes: itemChanges,
  reason: z.string(),
  status: proposalStatus,
  proposedBy: editorView,
  proposedAt: z.string(),
  decidedBy: editorView.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  appliedVersion: z.number().int().nullable(), // the item version an accepted proposal produced
});
export type ProposalView = z.infer<typeof proposalView>;
export const proposalList = z.object({ items: z.array(proposalView), ...pageMeta });
export const proposalQuery = z.strictObject({
  only: proposalStatus.optional(), // filter by status
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const proposalParams = z.strictObject({ id: z.string().uuid() });
export const decideProposalInput = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  note: cleanText().max(300).default(''),
});
export type DecideProposalInput = z.infer<typeof decideProposalInput>;

// ---- notice board (printable PDF for a community's door) ----
export const noticeBoardView = z.object({
  fileName: z.string(),
  contentType: z.literal('application/pdf'),
  base64: z.string(), // the PDF; decode and save/open it
  sizeBytes: z.number().int(),
  pageCount: z.number().int(),
  itemCount: z.number().int(),
  catalogVersion: z.number().int(),
  generatedAt: z.string(),
});
export type NoticeBoardView = z.infer<typeof noticeBoardView>;

// staff: other places' items the district has not adopted (issue 14) — kept in the catalog, shown to no resident
export const notAdoptedItemView = catalogItemSummary.extend({
  jurisdiction: z.string().nullable(), // whose list it comes from
  version: z.number().int(), // the baseVersion an adoption (PUT …/items/:itemCode, changes.adoptedByDistrict) needs
  note: z.string(), // OTHER_PLACE_NOT_ADOPTED_TEXT
});
export const notAdoptedItemsView = z.object({ items: z.array(notAdoptedItemView) });
export type NotAdoptedItemsView = z.infer<typeof notAdoptedItemsView>;

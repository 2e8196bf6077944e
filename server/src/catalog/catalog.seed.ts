import { randomUUID } from 'node:crypto';
import { originOfJurisdiction, type EverydayWord, type ItemContentInput } from '@jianban/shared';
import type { DataSource, EntityManager } from 'typeorm';
// imported (resolveJsonModule) so tsc ships the data with server/dist
import researchData from './seed-data/certificate-catalog.json';
import thesaurus from './seed-data/everyday-words.json';
import residentRoutes from './seed-data/resident-routes.json';
import directory from './seed-data/departments.json';
import { DISTRICT_OWNER } from './catalog.mapper';
import { CatalogDepartmentEntity, CatalogItemEntity, CatalogItemVersionEntity, CatalogMetaEntity, CatalogWorkListEntity } from './entities/catalog.entity';

interface ResearchItem {
  id: string;
  name: string;
  aliases: string[];
  list: string;
  jurisdiction: string;
  category: string;
  responsible_department: string | null;
  alternative_route: string | null;
  online_channel: string | null;
  required_materials: string[];
  legal_basis: string | null;
  source: string[];
  inferred_fields: string[];
}
interface ResearchSource {
  title: string;
  issuer?: string;
  date?: string;
  urls?: string[];
  note?: string;
}

const SEED_NOTE = '导入调研数据（certificate-catalog.json）';
export const THESAURUS_NOTE = '加入居民的日常说法（搜索用，everyday-words.json）';

type ThesaurusEntry = Record<EverydayWord['kind'], string[]>;
// the everyday words of one item (issue 13), each with its source where one is known
export function everydayWordsOf(code: string): EverydayWord[] {
  const entry = (thesaurus.items as Record<string, ThesaurusEntry>)[code];
  if (!entry) return [];
  const sources = (thesaurus.sources as Record<string, Record<string, string>>)[code] ?? {};
  const seen = new Set<string>();
  const out: EverydayWord[] = [];
  for (const kind of ['name', 'subject', 'use'] as const) {
    for (const word of entry[kind] ?? []) {
      if (seen.has(word)) continue;
      seen.add(word);
      out.push({ word, kind, source: sources[word] ?? null });
    }
  }
  return out.slice(0, 80);
}

const HAN = /[\u3400-\u9fff]/g;
const hanCount = (s: string) => (s.match(HAN) ?? []).length;
const latinCount = (s: string) => (s.match(/[A-Za-z]/g) ?? []).length;

// the research data carries notes for researchers (English remarks, "(inferred)" markers); residents must not see them.
// The inferred flag and fields are kept separately and shown once per item page in small print.
export function residentText(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let t = raw
    .replace(/\s*[—-]+\s*inferred\b/gi, '')
    .replace(/\(\s*inferred\s*\)/gi, '')
    // a researcher's mark of whose wording it is: (湖北表述), （国家表述）
    .replace(/\s*[(（][^()（）]{0,8}表述[)）]/gu, '')
    .replace(/\([^()\u3400-\u9fff]*\)/g, '') // parentheses with no Chinese in them
    .replace(/（[^（）\u3400-\u9fff]*）/g, '');
  // cut at the first lower-case English word (a researcher's remark: "where …", "per …"); acronyms like APP stay
  const remark = /\b[a-z]{3,}\b/.exec(t);
  if (remark) t = t.slice(0, remark.index);
  t = t.replace(/[\s,;；:：、—.。(（-]+$/u, '').trim();
  return t.length > 0 && hanCount(t) >= latinCount(t) ? t : null;
}

// "a; b; c" in the research data → numbered steps, researcher notes left out
export function routeSteps(route: string | null): string[] {
  return (route ?? '')
    .split(/[;；]\s*/)
    .map((s) => residentText(s.trim())?.replace(/[。.]$/, '') ?? '')
    .filter((s) => s.length > 0)
    .slice(0, 12);
}

interface ResidentRoute {
  routeSteps: string[];
  department?: string | null; // absent: the research text stays; null: none for residents
  onlineChannel?: string | null;
  posterLine?: string;
  sourceNote?: string;
}
const RESIDENT_ROUTES = residentRoutes.items as Record<string, ResidentRoute>;
const CURATE_NOTE = '替代途径、办理部门、网上渠道改写成居民看得懂的话：常见情况在前，文件号和外地做法不再作为步骤';

// the route residents read (resident-routes.json): the research data's own facts, common case first
export function residentRouteSteps(it: Pick<ResearchItem, 'id' | 'alternative_route'>): string[] {
  return RESIDENT_ROUTES[it.id]?.routeSteps ?? routeSteps(it.alternative_route);
}

const RAW_FIELD = { department: 'responsible_department', onlineChannel: 'online_channel' } as const;
// the department / online channel residents read: the curated text where there is one, else the research text cleaned
function residentField(it: ResearchItem, field: keyof typeof RAW_FIELD): string | null {
  const curated = RESIDENT_ROUTES[it.id];
  return curated && curated[field] !== undefined ? (curated[field] ?? null) : residentText(it[RAW_FIELD[field]]);
}

// the one line a notice-board poster shows for an item's route: the curated line while the steps are the curated
// ones, otherwise (an admin rewrote the route) its first step
export function posterLineOf(code: string, steps: readonly string[]): string | null {
  const curated = RESIDENT_ROUTES[code];
  if (curated?.posterLine && JSON.stringify(curated.routeSteps) === JSON.stringify(steps)) return curated.posterLine;
  return steps[0] ?? null;
}

export function contentOf(it: ResearchItem): ItemContentInput {
  return {
    name: it.name,
    aliases: it.aliases.map(residentText).filter((a): a is string => a !== null).slice(0, 30),
    list: it.list === 'issue' ? 'issue' : 'not_issue',
    category: it.category,
    usedFor: null,
    routeSteps: residentRouteSteps(it),
    department: residentField(it, 'department'),
    onlineChannel: residentField(it, 'onlineChannel'),
    materials: it.required_materials.map(residentText).filter((m): m is string => m !== null).slice(0, 30),
    legalBasis: it.legal_basis || null,
    inferredFields: it.inferred_fields,
    lastReviewedOn: null,
    everydayWords: everydayWordsOf(it.id),
  };
}

function sourcesOf(it: ResearchItem, all: Record<string, ResearchSource>) {
  return it.source.map((key) => {
    const s = all[key];
    return { key, title: s?.title ?? key, issuer: s?.issuer ?? null, date: s?.date ?? null, urls: s?.urls ?? [], note: s?.note ?? null };
  });
}

// items stored before the thesaurus existed get their everyday words once, as a new version (an admin's edits to other
// fields stay). When the thesaurus grows, an item whose words still are the seed's — the last version that changed
// them was the seed's own — follows it, as a new version; an item whose words an admin has edited, even to none, is
// left alone.
async function addEverydayWords(m: EntityManager, rows: CatalogItemEntity[], now: Date): Promise<number> {
  let n = 0;
  for (const row of rows) {
    const content = JSON.parse(row.contentJson) as ItemContentInput;
    const words = everydayWordsOf(row.code);
    if (words.length === 0 || row.owner !== DISTRICT_OWNER) continue;
    if (content.everydayWords !== undefined) {
      if (JSON.stringify(content.everydayWords) === JSON.stringify(words) || !(await wordsAreTheSeeds(m, row.id))) continue;
    }
    const next = JSON.stringify({ ...content, everydayWords: words });
    const version = row.version + 1;
    const done = await m.update(CatalogItemEntity, { id: row.id, version: row.version }, { contentJson: next, version, updatedAt: now });
    if (!done.affected) continue;
    await m.insert(CatalogItemVersionEntity, {
      id: randomUUID(), itemId: row.id, version, contentJson: next, changeNote: THESAURUS_NOTE, changedFields: JSON.stringify(['everydayWords']),
      editorId: null, editorName: null, editorRole: null, proposalId: null, createdAt: now,
    });
    n++;
  }
  return n;
}

// whether the item's everyday words were last set by the seed (its import or a thesaurus version), not by an editor
async function wordsAreTheSeeds(m: EntityManager, itemId: string): Promise<boolean> {
  const versions = await m.find(CatalogItemVersionEntity, { where: { itemId }, order: { version: 'DESC' } });
  const last = versions.find((v) => (JSON.parse(v.changedFields) as string[]).includes('everydayWords'));
  return !!last && last.editorId === null && (last.changeNote === THESAURUS_NOTE || last.changeNote === SEED_NOTE);
}

// seeded items whose route, department or online channel nobody has edited (still as first imported from the research
// data) get the resident text once, as a new version; what an admin wrote is left alone
async function curateRoutes(m: EntityManager, rows: CatalogItemEntity[], now: Date): Promise<number> {
  const research = new Map((researchData.items as ResearchItem[]).map((it) => [it.id, it]));
  let n = 0;
  for (const row of rows) {
    const it = research.get(row.code);
    if (!it || !RESIDENT_ROUTES[row.code] || row.owner !== DISTRICT_OWNER) continue;
    const content = JSON.parse(row.contentJson) as ItemContentInput;
    const imported = { routeSteps: routeSteps(it.alternative_route), department: residentText(it.responsible_department), onlineChannel: residentText(it.online_channel) };
    const wanted = { routeSteps: residentRouteSteps(it), department: residentField(it, 'department'), onlineChannel: residentField(it, 'onlineChannel') };
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const changed = (['routeSteps', 'department', 'onlineChannel'] as const).filter((f) => same(content[f], imported[f]) && !same(content[f], wanted[f]));
    if (changed.length === 0) continue;
    const next = JSON.stringify({ ...content, ...Object.fromEntries(changed.map((f) => [f, wanted[f]])) });
    const version = row.version + 1;
    const done = await m.update(CatalogItemEntity, { id: row.id, version: row.version }, { contentJson: next, version, updatedAt: now });
    if (!done.affected) continue;
    await m.insert(CatalogItemVersionEntity, {
      id: randomUUID(), itemId: row.id, version, contentJson: next, changeNote: CURATE_NOTE, changedFields: JSON.stringify(changed),
      editorId: null, editorName: null, editorRole: null, proposalId: null, createdAt: now,
    });
    n++;
  }
  return n;
}

// only missing items are inserted: an admin's edits survive every re-seed
async function seedItems(m: EntityManager, now: Date): Promise<number> {
  const rows = await m.find(CatalogItemEntity);
  const existing = new Set(rows.map((r) => r.code));
  const sources = researchData.sources as Record<string, ResearchSource>;
  let inserted = 0;
  for (const it of researchData.items as ResearchItem[]) {
    if (existing.has(it.id)) continue;
    const id = randomUUID();
    const content = contentOf(it);
    const contentJson = JSON.stringify(content);
    await m.insert(CatalogItemEntity, {
      id, code: it.id, owner: DISTRICT_OWNER, name: content.name, list: content.list, version: 1, contentJson,
      jurisdiction: it.jurisdiction?.slice(0, 200) ?? null, sourcesJson: JSON.stringify(sourcesOf(it, sources)), origin: originOfJurisdiction(it.jurisdiction, DISTRICT_OWNER), createdAt: now, updatedAt: now,
    });
    await m.insert(CatalogItemVersionEntity, {
      id: randomUUID(), itemId: id, version: 1, contentJson, changeNote: SEED_NOTE, changedFields: JSON.stringify(Object.keys(content)),
      editorId: null, editorName: null, editorRole: null, proposalId: null, createdAt: now,
    });
    inserted++;
  }
  return inserted;
}

// where the example lists come from (for the docs and the district admin, not for residents: the pages say 这是示例 from
// the list's `example` flag). Migration ResidentTexts1764380000000 removes this note where earlier seeds stored it.
export const EXAMPLE_SOURCE = '示例清单：荆州区的村级组织主责清单、协助清单、负面清单原文未找到，以下内容参考湖北省村级组织履职事项指导目录等公开资料整理，供区管理员替换为本区正式清单。';
const WORK_LISTS: { kind: string; title: string; entries: string[] }[] = [
  {
    kind: 'primary',
    title: '主责清单',
    entries: [
      '宣传贯彻执行党的路线方针政策，向乡镇（街道）党（工）委报告工作',
      '宣传宪法、法律、法规和国家政策',
      '村（社区）党组织自身建设，党员教育管理监督服务',
      '管理村集体土地和财产，履行农村集体经济组织法定职责',
      '组织村（居）民自治，党务、村（居）务、财务公开，村（居）务档案管理',
      '办理本村（社区）公共事务和公益事业',
      '发展文化教育、科技普及、精神文明建设',
      '开展全民健身、爱国卫生运动',
      '平安建设、群防群治、调解民间纠纷',
      '向乡镇（街道）反映村（居）民意见建议',
      '召开村（居）民会议、代表会议，制定村规民约（居民公约）',
      '保护妇女儿童老年人权益，做好残疾人工作、退役军人服务保障',
      '应急知识宣传、演练，灾害信息报送',
    ],
  },
  {
    kind: 'assist',
    title: '协助清单',
    entries: [
      '协助做好高龄津贴、低保、特困供养等社会救助的政策宣传和信息采集（审核由民政部门负责）',
      '协助开展人口普查、经济普查等统计调查',
      '协助做好城乡居民养老保险、医疗保险的宣传和参保动员',
      '协助做好征兵、优抚安置的宣传和信息登记',
      '协助开展疫情防控、食品安全、安全生产的宣传',
    ],
  },
  {
    kind: 'negative',
    title: '负面清单',
    entries: [
      '出具《不应由基层群众性自治组织出具证明事项清单》所列证明',
      '承担行政执法、拆迁拆违、招商引资、征收税费等工作',
      '作为责任主体签订安全生产、环境保护等目标责任书',
      '为职能部门填报各类报表、台账（已纳入准入清单的除外）',
      '未经准入程序由部门直接交办的工作事项',
    ],
  },
];

async function seedWorkLists(m: EntityManager, now: Date): Promise<number> {
  const have = new Set((await m.find(CatalogWorkListEntity)).map((w) => w.kind));
  let n = 0;
  for (const w of WORK_LISTS) {
    if (have.has(w.kind)) continue;
    await m.insert(CatalogWorkListEntity, { kind: w.kind, title: w.title, example: 1, note: null, entriesJson: JSON.stringify(w.entries), version: 1, updatedBy: null, updatedAt: now });
    n++;
  }
  return n;
}

// the department directory's kinds (departments.json), each named from its source; every other field stays empty until
// the district admin fills it in. Missing departments only: an admin's entries survive every re-seed.
async function seedDepartments(m: EntityManager, now: Date): Promise<number> {
  const have = new Set((await m.find(CatalogDepartmentEntity)).map((d) => d.code));
  let n = 0;
  for (const [position, d] of directory.departments.entries()) {
    if (have.has(d.code)) continue;
    await m.insert(CatalogDepartmentEntity, {
      id: randomUUID(), code: d.code, position, name: d.name, address: null, phone: null, hours: null, onlineChannel: null,
      fieldSourcesJson: JSON.stringify({ name: directory.source }), itemCodesJson: JSON.stringify(d.items), checkedBy: null, checkedOn: null,
      version: 1, createdAt: now, updatedAt: now,
    });
    n++;
  }
  return n;
}

// the catalog module's reference data (not demo data): runs on every seed, so it must be idempotent.
// Returns a one-line summary for the seed command's output.
export async function seedCatalogReference(ds: DataSource): Promise<string | null> {
  return ds.transaction(async (m) => {
    const now = new Date();
    const updated = (await addEverydayWords(m, await m.find(CatalogItemEntity), now)) + (await curateRoutes(m, await m.find(CatalogItemEntity), now));
    const items = (await seedItems(m, now)) + updated;
    const lists = (await seedWorkLists(m, now)) + (await seedDepartments(m, now));
    const meta = await m.findOne(CatalogMetaEntity, { where: { key: 'catalog' } });
    if (!meta) await m.insert(CatalogMetaEntity, { key: 'catalog', value: 1 });
    else if (items > 0) await m.update(CatalogMetaEntity, { key: 'catalog' }, { value: meta.value + 1 });
    return items + lists > 0 ? `catalog: ${items} items, ${lists} work lists inserted` : null;
  });
}

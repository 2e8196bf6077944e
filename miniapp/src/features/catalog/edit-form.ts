// the staff edit form of a catalog item: detail → plain text fields → the content the server takes, and back
import { itemContentInput, type CatalogItemDetail, type EverydayWord, type ItemChanges, type ItemContentInput } from '@jianban/shared';

// the fields of the edit form; adoption of another place's item (adoptedByDistrict) is its own action, not a form field
export type ContentField = Exclude<keyof ItemContentInput, 'adoptedByDistrict'>;

/** the form as typed: lists are one entry per line, empty text means "none" */
export interface EditForm {
  name: string;
  aliases: string;
  list: ItemContentInput['list'];
  category: string;
  usedFor: string;
  routeSteps: string;
  department: string;
  onlineChannel: string;
  materials: string;
  legalBasis: string;
  inferredFields: string;
  lastReviewedOn: string;
  everydayWords: string;
  /** the words as they were (a word kept keeps its source) */
  everydayBefore: readonly EverydayWord[];
}

export const FIELD_TEXT: Record<ContentField, string> = {
  name: '名称',
  aliases: '别名和常见说法',
  list: '属于哪张清单',
  category: '类别',
  usedFor: '以前用来办什么',
  routeSteps: '替代途径（每行一步）',
  department: '负责部门',
  onlineChannel: '网上办理渠道',
  materials: '要带的材料（每行一项）',
  legalBasis: '依据',
  inferredFields: '推断的部分（每行一项）',
  lastReviewedOn: '最近核对日期',
  everydayWords: '居民的日常说法（每行一个，搜索用）',
};

// the everyday words as typed: one per line; "叫法：" marks what residents call the certificate, "用来办：" what it is
// asked for; a plain word is how they name its subject. A word kept keeps its source.
const KIND_PREFIX: Record<EverydayWord['kind'], string> = { name: '叫法：', subject: '', use: '用来办：' };
export const EVERYDAY_HINT = '例如“叫法：活着证明”“车子”“用来办：高龄补贴”。';

export function everydayToText(words: readonly EverydayWord[]): string {
  return words.map((w) => `${KIND_PREFIX[w.kind]}${w.word}`).join('\n');
}

export function everydayFromText(text: string, before: readonly EverydayWord[]): EverydayWord[] {
  const out: EverydayWord[] = [];
  for (const line of lines(text)) {
    const m = /^(叫法|用来办)[:：]\s*(.+)$/.exec(line);
    const kind: EverydayWord['kind'] = m ? (m[1] === '叫法' ? 'name' : 'use') : 'subject';
    const word = (m ? m[2] : line).trim();
    if (!word || out.some((w) => w.word === word)) continue;
    out.push({ word, kind, source: before.find((w) => w.word === word)?.source ?? null });
  }
  return out;
}

// the research data names inferred parts by its own keys (responsible_department …); staff read and type Chinese labels.
// A label typed that is not in the table is kept as typed.
export const INFERRED_FIELD_TEXT: Record<string, string> = {
  responsible_department: '负责部门',
  alternative_route: '替代途径',
  online_channel: '网上办理渠道',
  required_materials: '要带的材料',
  legal_basis: '依据',
};
const INFERRED_FIELD_KEY = new Map(Object.entries(INFERRED_FIELD_TEXT).map(([k, v]) => [v, k]));
export const inferredFieldText = (key: string): string => INFERRED_FIELD_TEXT[key] ?? key;
export const inferredFieldKey = (label: string): string => INFERRED_FIELD_KEY.get(label) ?? label;

// the seed's change note named the data file; staff read where it came from in words
export function changeNoteText(note: string): string {
  return note.replace(/[（(][^（）()]*\.json[)）]/g, '').replace(/\s*[\w.-]+\.json/g, '').trim();
}

const LIST_FIELDS = ['aliases', 'routeSteps', 'materials', 'inferredFields', 'everydayWords'] as const;
const NULLABLE_FIELDS = ['usedFor', 'department', 'onlineChannel', 'legalBasis', 'lastReviewedOn'] as const;

export function contentOf(d: CatalogItemDetail): ItemContentInput {
  return {
    name: d.name,
    aliases: [...d.aliases],
    list: d.list,
    category: d.category,
    usedFor: d.usedFor,
    routeSteps: [...d.alternativeRoute.steps],
    department: d.alternativeRoute.department,
    onlineChannel: d.alternativeRoute.onlineChannel,
    materials: [...d.materials],
    legalBasis: d.legalBasis,
    inferredFields: [...d.inferredFields],
    lastReviewedOn: d.lastReviewedOn,
    everydayWords: d.everydayWords.map((w) => ({ ...w })),
  };
}

export function toForm(c: ItemContentInput): EditForm {
  return {
    name: c.name,
    aliases: c.aliases.join('\n'),
    list: c.list,
    category: c.category,
    usedFor: c.usedFor ?? '',
    routeSteps: c.routeSteps.join('\n'),
    department: c.department ?? '',
    onlineChannel: c.onlineChannel ?? '',
    materials: c.materials.join('\n'),
    legalBasis: c.legalBasis ?? '',
    inferredFields: c.inferredFields.map(inferredFieldText).join('\n'),
    lastReviewedOn: c.lastReviewedOn ?? '',
    everydayWords: everydayToText(c.everydayWords ?? []),
    everydayBefore: c.everydayWords ?? [],
  };
}

/** one entry per line; aliases may also be typed on one line separated by 、 or ， */
export function lines(text: string, splitCommas = false): string[] {
  const parts = text.split(splitCommas ? /[\n、，,；;]/ : /\n/);
  return parts.map((s) => s.trim()).filter(Boolean);
}

export function fromForm(f: EditForm): ItemContentInput {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: f.name.trim(),
    aliases: lines(f.aliases, true),
    list: f.list,
    category: f.category.trim(),
    usedFor: orNull(f.usedFor),
    routeSteps: lines(f.routeSteps),
    department: orNull(f.department),
    onlineChannel: orNull(f.onlineChannel),
    materials: lines(f.materials),
    legalBasis: orNull(f.legalBasis),
    inferredFields: lines(f.inferredFields).map(inferredFieldKey),
    lastReviewedOn: orNull(f.lastReviewedOn),
    everydayWords: everydayFromText(f.everydayWords, f.everydayBefore),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** only what changed (the server keeps the rest and records which fields changed) */
export function diffContent(before: ItemContentInput, after: ItemContentInput): ItemChanges {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(FIELD_TEXT) as ContentField[]) {
    if (!same(before[key], after[key])) out[key] = after[key];
  }
  return out as ItemChanges;
}

/** per-field messages from the shared schema (the server checks the same rules) */
export function validateContent(c: ItemContentInput): Partial<Record<ContentField, string>> {
  const parsed = itemContentInput.safeParse(c);
  if (parsed.success) return {};
  const out: Partial<Record<ContentField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ContentField | undefined;
    if (field && !out[field]) out[field] = plainIssue(field, issue.code, issue.message);
  }
  return out;
}

function plainIssue(field: ContentField, code: string, message: string): string {
  // zod's own English texts are not shown; the shared schema's Chinese ones are
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  if (field === 'name') return '名称要2到80个字';
  if (field === 'category') return '请填写类别';
  if ((LIST_FIELDS as readonly string[]).includes(field)) return code === 'too_big' ? '条目太多或某一条太长了' : '请检查每一行';
  if ((NULLABLE_FIELDS as readonly string[]).includes(field)) return '内容太长了，请删减';
  return '填写的内容有误';
}

export function changedFieldsText(fields: readonly string[]): string {
  const names = fields.map((f) => (f in FIELD_TEXT ? FIELD_TEXT[f as ContentField].replace(/（.*）/, '') : f));
  return names.length ? names.join('、') : '（没有改内容）';
}

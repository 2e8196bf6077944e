// 服务事项: the staff add/edit form (name, duration, materials one per line, optional description) → what the server
// takes (only the changed fields when editing), and the server's issues → a message next to each field. Pure.
import { IN_PERSON_TEXT, type CreateServiceItemInput, type InPersonRule, type ServiceItemView, type UpdateServiceItemInput } from '@jianban/shared';
import { ApiError } from '../../services/api-error';

export type ItemField = 'name' | 'durationMinutes' | 'materials' | 'description';

// the same limits as createServiceItemInput in shared (test/booking-service-item-form.test.ts checks they agree)
export const ITEM_LIMITS = { nameMax: 40, durationMin: 5, durationMax: 240, materialsMax: 30, materialMax: 100, descriptionMax: 500 } as const;

export interface ItemForm {
  name: string;
  durationMinutes: string;
  /** one material per line */
  materials: string;
  description: string;
  /** 'required' | 'proxy_ok', or '' = not said */
  inPerson: '' | InPersonRule;
}
export type ItemErrors = Partial<Record<ItemField, string>>;

export const emptyItemForm = (): ItemForm => ({ name: '', durationMinutes: '30', materials: '', description: '', inPerson: '' });

/** the choices staff make for "does the person have to come", in words */
export const IN_PERSON_CHOICES: { value: '' | InPersonRule; label: string }[] = [
  { value: 'required', label: IN_PERSON_TEXT.required },
  { value: 'proxy_ok', label: IN_PERSON_TEXT.proxy_ok },
  { value: '', label: '先不写明（居民会看到“可以打电话问”）' },
];

export function toItemForm(v: ServiceItemView): ItemForm {
  return { name: v.name, durationMinutes: String(v.durationMinutes), materials: v.materials.join('\n'), description: v.description ?? '', inPerson: v.inPerson ?? '' };
}

const SPECIAL = /[<>\u0000-\u0008\u000b-\u001f]/u;
const toHalfWidth = (s: string) => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** one material per line: trimmed, a leading "1." / "2、" dropped, no blanks, no repeats */
export function materialLines(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const item = line.trim().replace(/^\d+\s*[.、)）]\s*/, '').trim();
    if (!item || seen.has(item)) continue;
    seen.add(item);
    out.push(item);
  }
  return out;
}

const durationText = `请填 ${ITEM_LIMITS.durationMin} 到 ${ITEM_LIMITS.durationMax} 之间的整数（分钟）`;

/** the form → the full item as the server takes it on create, or a message next to each field */
export function readItemForm(f: ItemForm): { input: CreateServiceItemInput } | { errors: ItemErrors } {
  const errors: ItemErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = '请填写事项名称，如：居住证明';
  else if (name.length > ITEM_LIMITS.nameMax) errors.name = `名称最多 ${ITEM_LIMITS.nameMax} 个字`;
  else if (SPECIAL.test(name)) errors.name = '不能有 < > 这类符号';
  const d = toHalfWidth(f.durationMinutes.trim());
  const minutes = /^\d{1,4}$/.test(d) ? Number(d) : NaN;
  if (!(minutes >= ITEM_LIMITS.durationMin && minutes <= ITEM_LIMITS.durationMax)) errors.durationMinutes = durationText;
  const materials = materialLines(f.materials);
  if (materials.length > ITEM_LIMITS.materialsMax) errors.materials = `材料最多 ${ITEM_LIMITS.materialsMax} 项，请合并或删减`;
  else if (materials.some((m) => m.length > ITEM_LIMITS.materialMax)) errors.materials = `每一项材料最多 ${ITEM_LIMITS.materialMax} 个字`;
  else if (materials.some((m) => SPECIAL.test(m))) errors.materials = '不能有 < > 这类符号';
  const description = f.description.trim();
  if (description.length > ITEM_LIMITS.descriptionMax) errors.description = `说明最多 ${ITEM_LIMITS.descriptionMax} 个字`;
  else if (SPECIAL.test(description)) errors.description = '不能有 < > 这类符号';
  if (Object.keys(errors).length) return { errors };
  return { input: { name, durationMinutes: minutes, materials, description: description || null, inPerson: f.inPerson || null } };
}

/** editing: only what changed (an empty object = nothing changed) */
export function itemChanges(saved: ServiceItemView, f: ItemForm): { changes: UpdateServiceItemInput } | { errors: ItemErrors } {
  const read = readItemForm(f);
  if ('errors' in read) return read;
  const next = read.input;
  const changes: UpdateServiceItemInput = {};
  if (next.name !== saved.name) changes.name = next.name;
  if (next.durationMinutes !== saved.durationMinutes) changes.durationMinutes = next.durationMinutes;
  if (JSON.stringify(next.materials) !== JSON.stringify(saved.materials)) changes.materials = next.materials;
  if ((next.description ?? null) !== (saved.description ?? null)) changes.description = next.description ?? null;
  if ((next.inPerson ?? null) !== (saved.inPerson ?? null)) changes.inPerson = next.inPerson ?? null;
  return { changes };
}

const FALLBACK: Record<ItemField, string> = {
  name: `名称要 1 到 ${ITEM_LIMITS.nameMax} 个字，不能有 < > 这类符号`,
  durationMinutes: durationText,
  materials: `材料最多 ${ITEM_LIMITS.materialsMax} 项，每项最多 ${ITEM_LIMITS.materialMax} 个字`,
  description: `说明最多 ${ITEM_LIMITS.descriptionMax} 个字`,
};

/** the server's VALIDATION_FAILED issues ("body.materials.3") → a message next to each field */
export function serverItemErrors(err: unknown): { fields: ItemErrors; other: string[] } {
  const out: { fields: ItemErrors; other: string[] } = { fields: {}, other: [] };
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues) {
    const field = issue.path.replace(/^body\./, '').split('.')[0];
    if (field in FALLBACK) {
      const f = field as ItemField;
      out.fields[f] ??= /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : FALLBACK[f];
    } else if (/[\u4e00-\u9fff]/.test(issue.message)) out.other.push(issue.message);
  }
  return out;
}

/** one line for the list: duration, materials count, and whether residents can book it — in words */
export function itemSummary(v: ServiceItemView): string {
  return [
    v.active ? '居民可以预约' : '已停用，居民约不了',
    `大约 ${v.durationMinutes} 分钟`,
    v.materials.length ? `要带 ${v.materials.length} 样材料` : '不用带材料',
  ].join(' · ');
}

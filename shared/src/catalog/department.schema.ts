import { z } from 'zod';
import { cleanText } from '../text';

// the department directory (issue 14 item 1): the offices alternative routes send residents to. Seeded only with what a
// public source confirms (each field names its source); every other field stays empty (the app shows 待区管理员填写)
// until the district admin fills it in. Every edit is a version with who and when.
export const DEPARTMENT_CODE_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
export const departmentFields = ['name', 'address', 'phone', 'hours', 'onlineChannel'] as const;
export type DepartmentField = (typeof departmentFields)[number];
export const DEPARTMENT_FIELD_TEXT: Record<DepartmentField, string> = {
  name: '名称',
  address: '地址',
  phone: '电话',
  hours: '办公时间',
  onlineChannel: '网上办理',
};
export const DEPARTMENT_MISSING_TEXT = '待区管理员填写';

export const departmentView = z.object({
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  hours: z.string().nullable(),
  onlineChannel: z.string().nullable(),
  // where a field's content is read: a public source's title, or the district admin who entered it; absent = empty
  fieldSources: z.record(z.string(), z.string()),
  itemCodes: z.array(z.string()), // the catalog items whose route sends residents here
  checked: z.object({ by: z.string(), on: z.string() }).nullable(), // the district admin who checked it, and when
  version: z.number().int(),
  updatedAt: z.string(),
});
export type DepartmentView = z.infer<typeof departmentView>;
export const departmentListView = z.object({ items: z.array(departmentView) });

export const departmentParams = z.strictObject({ deptCode: z.string().regex(DEPARTMENT_CODE_PATTERN, '部门编号不正确') });
const phone = cleanText().max(40).regex(/^[0-9０-９()（）\-－ ,，、转]*$/u, '电话只能写数字、括号、横线和“转”');
export const updateDepartmentInput = z.strictObject({
  baseVersion: z.number().int().min(1),
  changes: z.strictObject({
    name: cleanText().min(2).max(60).optional(),
    address: cleanText().max(200).nullable().optional(),
    phone: phone.nullable().optional(),
    hours: cleanText().max(200).nullable().optional(),
    onlineChannel: cleanText().max(200).nullable().optional(),
  }),
  checked: z.boolean(), // true: the district admin has checked every field against the office itself
  changeNote: cleanText().min(1).max(300),
});
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentInput>;

// a department's history for the district admin: who changed what, when (old → new, field by field)
export const departmentChangeKinds = [...departmentFields, 'checked'] as const;
export const DEPARTMENT_CHANGE_TEXT: Record<(typeof departmentChangeKinds)[number], string> = { ...DEPARTMENT_FIELD_TEXT, checked: '核对' };
export const departmentChangeView = z.object({
  field: z.enum(departmentChangeKinds),
  label: z.string(),
  // null: empty (or, on a version written before changes were recorded, not known)
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export const departmentVersionView = z.object({
  version: z.number().int(),
  editorName: z.string().nullable(),
  at: z.string(),
  changeNote: z.string(),
  changes: z.array(departmentChangeView),
  // false: an old version whose earlier values were not recorded (only the new ones are shown)
  fromKnown: z.boolean(),
});
export const departmentHistoryView = z.object({ code: z.string(), name: z.string(), currentVersion: z.number().int(), versions: z.array(departmentVersionView) });
export type DepartmentHistoryView = z.infer<typeof departmentHistoryView>;
export type DepartmentChangeView = z.infer<typeof departmentChangeView>;

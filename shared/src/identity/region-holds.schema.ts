// placeholder region codes the move to the official codes could not map (RegionCodes1764350000000): their rows wait
// under a held marker until the district admin assigns each one to an official community
import { z } from 'zod';
import { defineRoute, noInput } from '../route';

export const heldCode = z.string().regex(/^H\d{11}$/);
export const regionHoldParams = z.strictObject({ heldCode });

// the tables a held code's rows live in, named for staff
export const REGION_HOLD_TABLE_TEXT: Record<string, string> = {
  family_member: '家人',
  staff_account: '工作人员账号',
  booking: '预约',
  booking_slot: '预约时段',
  booking_closure: '停办日',
  booking_service_item: '预约办事项目',
  booking_settings: '预约设置',
  booking_contact: '预约联系电话',
  catalog_item: '本社区证明事项',
  catalog_demand_report: '居民反映',
  case_file: '办事记录',
};
export const regionHoldTableText = (table: string): string => REGION_HOLD_TABLE_TEXT[table] ?? '其他记录';

export const regionHoldRows = z.object({ table: z.string(), label: z.string(), count: z.number().int() });
export const regionHoldView = z.object({
  heldCode,
  oldCode: z.string(),
  // the placeholder's name and street as they were (null when the old tree did not have them)
  oldName: z.string().nullable(),
  oldParentName: z.string().nullable(),
  heldAt: z.string(),
  // rows carrying the marker now (after assignment: the rows that moved)
  rows: z.array(regionHoldRows),
  total: z.number().int(),
  assigned: z
    .object({ code: z.string(), name: z.string(), streetName: z.string().nullable(), byName: z.string(), at: z.string() })
    .nullable(),
});
export type RegionHoldView = z.infer<typeof regionHoldView>;
export const regionHoldList = z.object({ items: z.array(regionHoldView) });
export type RegionHoldList = z.infer<typeof regionHoldList>;

export const assignRegionHoldInput = z.strictObject({ regionCode: z.string().regex(/^\d{12}$/, '请选一个社区或村') });
export type AssignRegionHoldInput = z.infer<typeof assignRegionHoldInput>;

const admin = ['district_admin'] as const;
export const regionHoldRoutes = {
  listRegionHolds: defineRoute({ method: 'GET', path: '/staff/region-holds', summary: '区管理员：换正式区划代码时没能对上的旧社区，和还挂在它们下面的记录', auth: 'staff', roles: admin, input: noInput, output: regionHoldList }),
  assignRegionHold: defineRoute({ method: 'POST', path: '/staff/region-holds/:heldCode/assignment', summary: '区管理员：把一个旧社区归到正式社区（它的全部记录一次搬过去，只能做一次）', auth: 'staff', roles: admin, input: assignRegionHoldInput, params: regionHoldParams, output: regionHoldView }),
} as const;

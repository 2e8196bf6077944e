import { z } from 'zod';

// The case kit's views (server/src/cases): any module's case — a booking, an allowance application — shows its
// owner, its handler and its log in these shapes. Residents get names and posts only; staff ids and internal text
// appear only in the staff views.

/** a staff member as a resident sees them: name and 岗位, no id */
export const caseParty = z.object({
  /** the staff member's display name */
  name: z.string(),
  /** 岗位 text, e.g. '综合服务岗' */
  post: z.string(),
});
export type CaseParty = z.infer<typeof caseParty>;

/** a staff member as colleagues see them (the id picks them for a hand-over) */
export const staffCaseParty = caseParty.extend({ staffId: z.string() });
export type StaffCaseParty = z.infer<typeof staffCaseParty>;

export const caseActorKinds = ['resident', 'staff', 'system'] as const;

/** one step of a case as the resident sees it: visible steps only, resident-facing text only */
export const caseLogEntry = z.object({
  id: z.string(),
  /** the module's action code (e.g. 'confirmed') */
  action: z.string(),
  actionText: z.string(),
  /** who did it: '居民' for the resident, the staff member's display name otherwise */
  actorName: z.string(),
  actorKind: z.enum(caseActorKinds),
  note: z.string().nullable(),
  at: z.string(),
});
export type CaseLogEntry = z.infer<typeof caseLogEntry>;

/** one step of a case as staff see it: every step, with the internal text (e.g. a hand-over's reason) in `note` */
export const staffCaseLogEntry = caseLogEntry.extend({
  /** not shown to the resident */
  internal: z.boolean(),
});
export type StaffCaseLogEntry = z.infer<typeof staffCaseLogEntry>;

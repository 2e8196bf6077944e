import type { NotificationLink } from '@jianban/shared';

/** the modules whose cases the kit handles; each is also an inbox link kind, so a message opens the case */
export type CaseKind = Extract<NotificationLink['kind'], 'booking' | 'allowance'>;

/** a case: the module's kind and the id of its own row (the booking, the application) */
export interface CaseRef {
  kind: CaseKind;
  subjectId: string;
}

export type StaffActor = { kind: 'staff'; id: string; name: string };
export type CaseActor = { kind: 'resident' | 'system'; id: string | null; name: string } | StaffActor;

/** one step to write to the case log */
export interface CaseStep {
  action: string;
  actor: CaseActor;
  at: Date;
  /** text the resident may see (when the step is visible to them) */
  note?: string | null;
  /** text for staff only, always (e.g. a hand-over's reason) */
  internalNote?: string | null;
  /** false for a staff-only step (an internal note); default true */
  visibleToResident?: boolean;
}

/** a case-log row as the kit stores it (what `step()` returns and the log views read) */
export interface CaseStepRecord {
  id: string;
  kind: CaseKind;
  subjectId: string;
  action: string;
  actorKind: 'resident' | 'staff' | 'system';
  actorId: string | null;
  actorName: string;
  note: string | null;
  internalNote: string | null;
  visibleToResident: boolean;
  createdAt: Date;
}

/** who owns and who handles a case, and which overdue flag its community's lead has been told about */
export interface CaseFileRecord {
  kind: CaseKind;
  subjectId: string;
  communityCode: string;
  responsibleStaffId: string | null;
  responsibleAt: Date | null;
  handlerStaffId: string | null;
  flaggedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

import type { CaseLogEntry, StaffCaseLogEntry } from '@jianban/shared';
import { instantText } from '../booking/format';

/** a case-log entry of either view: the resident's (visible steps only) or the staff's (with internal steps marked) */
export type AnyCaseLogEntry = CaseLogEntry | StaffCaseLogEntry;

/** what a row says: who did what, and the note in brackets — '王芳：确认预约（请带户口本）' */
export function caseLogLine(e: AnyCaseLogEntry): string {
  return `${e.actorName}：${e.actionText}${e.note ? `（${e.note}）` : ''}`;
}

/** the time of a step, in Shanghai: 12月1日 周二 09:00 */
export function caseLogTime(e: AnyCaseLogEntry): string {
  return instantText(e.at);
}

/** a staff-only step (an internal note): marked on the staff page; the resident's view never contains one */
export function isInternal(e: AnyCaseLogEntry): boolean {
  return 'internal' in e && e.internal === true;
}

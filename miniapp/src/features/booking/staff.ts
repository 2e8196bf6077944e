// pure logic of the staff booking pages (tested without Taro)
import type { BookingStatus } from '@jianban/shared';

export type StaffAction = 'confirm' | 'reject' | 'check_in' | 'done' | 'no_show' | 'cancel' | 'hand_over' | 'missing' | 'note';

export const STAFF_ACTION_TEXT: Record<StaffAction, string> = {
  confirm: '确认预约',
  reject: '不通过（写原因）',
  check_in: '到场签到',
  done: '办结',
  no_show: '没有来（未到场）',
  cancel: '取消预约（写原因）',
  hand_over: '转交同事（写原因）',
  missing: '告知缺少的材料',
  note: '写备注',
};

/** what staff can do with a case in each status; the first one is the usual next step */
export function staffActionsFor(status: BookingStatus, startsAt: string, now: Date): StaffAction[] {
  const started = new Date(startsAt).getTime() <= now.getTime();
  switch (status) {
    case 'pending':
      return ['confirm', 'reject', 'missing', 'hand_over', 'note'];
    case 'confirmed':
      return ['check_in', ...(started ? (['no_show'] as const) : []), 'missing', 'hand_over', 'cancel', 'note'];
    case 'checked_in':
      return ['done', 'missing', 'hand_over', 'note'];
    default:
      return ['note'];
  }
}

/** actions that need a written reason or list before they can be sent */
export function needsForm(a: StaffAction): boolean {
  return a === 'reject' || a === 'cancel' || a === 'hand_over' || a === 'missing' || a === 'note';
}

/** 一次性告知: one material per line (or separated by 、；;), trimmed, no blanks, no repeats, at most 30 */
export function parseMaterials(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    // a line may start with its number ("2、一寸照片"): drop it before splitting on 、
    const body = line.trim().replace(/^\d+\s*[.、)）]\s*/, '');
    for (const raw of body.split(/[、；;]+/)) {
      const item = raw.trim();
      if (!item || /^\d+$/.test(item) || seen.has(item)) continue;
      seen.add(item);
      out.push(item);
    }
  }
  return out.slice(0, 30);
}

export { addDays } from '@jianban/shared';

export const STAFF_STATUS_FILTERS: { value: string; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'pending', label: '待确认' },
  { value: 'confirmed', label: '已确认' },
  { value: 'checked_in', label: '已到场' },
  { value: 'done', label: '已办结' },
  { value: 'no_show', label: '未到场' },
  { value: 'rejected', label: '未通过' },
  { value: 'cancelled', label: '已取消' },
];

export function flagReasonText(reason: 'unconfirmed' | 'not_closed', overdueMinutes: number): string {
  const h = Math.floor(overdueMinutes / 60);
  const m = overdueMinutes % 60;
  const span = h > 0 ? `${h}小时${m ? `${m}分钟` : ''}` : `${m}分钟`;
  return reason === 'unconfirmed' ? `提交后一直没人确认，已超时 ${span}` : `时段已过还没办结，已超时 ${span}`;
}

// ---- the queue across days (待确认 / 我负责的) ----

export const QUEUE_TABS = [
  { value: 'pending', label: '待确认' },
  { value: 'mine', label: '我负责的' },
] as const;
/** the queue page's title follows the tab (the 我负责的 tab lists confirmed cases too) */
export const QUEUE_TITLE = { pending: '待确认的预约', mine: '我负责的预约' } as const;

/**
 * who has the case, in the queue's row: 还没人负责, 负责人 X, or X 转给 Y (handed over; X stays 首问). `me` (the signed-in
 * staff member's name) is said as 我: 我负责, X 转给我, 我转给 Y.
 */
export function queueCaseText(b: { responsibleName: string | null; handlerName: string | null }, me?: string): string {
  const who = (name: string) => (me && name === me ? '我' : name);
  if (!b.responsibleName && !b.handlerName) return '还没人负责';
  if (b.handlerName && b.responsibleName && b.handlerName !== b.responsibleName) return `${who(b.responsibleName)}转给${who(b.handlerName)}`;
  const one = (b.responsibleName ?? b.handlerName) as string;
  return who(one) === '我' ? '我负责' : `负责人 ${one}`;
}

/** the day list is empty: say so, and how many pending bookings wait on other days (null when none) */
export function pendingElsewhereText(date: string, today: string, pendingTotal: number): string | null {
  if (pendingTotal <= 0) return null;
  return `${date === today ? '今天' : '这一天'}没有预约。还有 ${pendingTotal} 个待确认的预约在别的日子。`;
}

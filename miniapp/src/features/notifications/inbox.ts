// pure logic of the 消息 tab (tested without Taro): times, unread marks, the badge, where a message leads
import { shanghaiParts, type InboxMessageView, type NotificationLink } from '@jianban/shared';
import { BOOKING_PASS_PAGE, pageUrl, STAFF_DETAIL_PAGE, STAFF_HOLIDAYS_PAGE } from '../booking/pages';
import { CATALOG_PAGES } from '../catalog/urls';
import { ALLOWANCE_STATUS_PAGE, allowanceUrl, STAFF_ALLOWANCE_DETAIL_PAGE } from '../allowance/pages';
import { PAY_FAMILY_PAGE, PAY_INVITATION_PAGE } from '../allowance-pay/family-pages';

export const INBOX_PAGE_SIZE = 20;

export const INBOX_DETAIL_PAGE = '/subpackages/inbox/pages/detail/index';

const DAY = 24 * 3600_000;

/** a message's time in Asia/Shanghai: 今天 14:05 / 昨天 09:30 / 11月3日 14:05 / 2025年11月3日 14:05 */
export function messageTime(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const local = shanghaiParts(at);
  const today = shanghaiParts(now);
  const dayOf = (p: { date: string }) => Math.floor(Date.parse(`${p.date}T00:00:00Z`) / DAY);
  const hm = local.time;
  const diff = dayOf(today) - dayOf(local);
  if (diff === 0) return `今天 ${hm}`;
  if (diff === 1) return `昨天 ${hm}`;
  const md = `${local.month}月${local.day}日`;
  if (local.year === today.year) return `${md} ${hm}`;
  return `${local.year}年${md} ${hm}`;
}

/** the word shown on an unread message (never colour alone) */
export function unreadMark(m: Pick<InboxMessageView, 'readAt'>): string | null {
  return m.readAt ? null : '未读';
}

/** what a screen reader says for a row: 未读，预约已确认，今天 14:05 */
export function messageA11yLabel(m: InboxMessageView, now: Date): string {
  return [m.readAt ? '已读' : '未读', m.title, messageTime(m.createdAt, now)].join('，');
}

/** tab-bar badge text: nothing at 0, the number up to 99, then 99+ */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null;
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

export function unreadSummary(unread: number): string {
  return unread > 0 ? `有 ${unread} 条未读消息` : '消息都已读过';
}

/** flattens loaded inbox pages (newest first, no duplicates if a new message shifted the pages meanwhile) */
export function mergePages(pages: ReadonlyArray<{ items: InboxMessageView[] }>): InboxMessageView[] {
  const seen = new Set<string>();
  const out: InboxMessageView[] = [];
  for (const p of pages) {
    for (const m of p.items) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** the next page number to ask for, or undefined when everything is loaded */
export function nextInboxPage(last: { page: number; pageSize: number; total: number }): number | undefined {
  return last.page * last.pageSize < last.total ? last.page + 1 : undefined;
}

export type LinkTarget = { kind: 'page'; url: string; label: string } | { kind: 'note'; text: string } | null;

/** where the button under a message leads */
export function linkTarget(link: NotificationLink | null, who: 'resident' | 'staff'): LinkTarget {
  if (!link) return null;
  switch (link.kind) {
    case 'booking':
      return who === 'staff'
        ? { kind: 'page', url: pageUrl(STAFF_DETAIL_PAGE, { id: link.id }), label: '查看这个预约' }
        : { kind: 'page', url: pageUrl(BOOKING_PASS_PAGE, { id: link.id }), label: '查看我的预约' };
    case 'allowance':
      return who === 'staff'
        ? { kind: 'page', url: allowanceUrl(STAFF_ALLOWANCE_DETAIL_PAGE, { id: link.id }), label: '查看这份申请' }
        : { kind: 'page', url: allowanceUrl(ALLOWANCE_STATUS_PAGE, { id: link.id }), label: '查看申请进度' };
    case 'allowance_payments':
      return who === 'staff' ? null : { kind: 'page', url: allowanceUrl(PAY_FAMILY_PAGE, { memberId: link.id }), label: '查看每月发放' };
    case 'allowance_invitation':
      return who === 'staff' ? null : { kind: 'page', url: allowanceUrl(PAY_INVITATION_PAGE, { memberId: link.id }), label: '去确认领取' };
    case 'statutory_year':
      return who === 'staff' ? { kind: 'page', url: STAFF_HOLIDAYS_PAGE, label: '去节假日安排' } : null;
    case 'demand_report':
      return who === 'staff'
        ? { kind: 'page', url: CATALOG_PAGES.staffReports, label: '查看居民反映' }
        : { kind: 'page', url: CATALOG_PAGES.myReports, label: '查看我的反映' };
    default:
      return null;
  }
}

// the 消息 tab's pure logic: times in Asia/Shanghai, unread marks and badge, paging, where a message leads
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from '@jest/globals';
import type { InboxMessageView } from '@jianban/shared';
import {
  badgeText,
  linkTarget,
  mergePages,
  messageA11yLabel,
  messageTime,
  nextInboxPage,
  unreadMark,
} from '../src/features/notifications/inbox';

const msg = (id: string, createdAt: string, readAt: string | null = null): InboxMessageView => ({
  id,
  type: 'booking_confirmed',
  title: '预约已确认',
  body: '王桂兰的“居住证明”已确认',
  link: { kind: 'booking', id: 'b1' },
  readAt,
  createdAt,
});

describe('messageTime', () => {
  // 2026-11-27 10:00 in Shanghai
  const now = new Date('2026-11-27T02:00:00Z');
  it('says 今天 for the same Shanghai day, even when UTC is still on the day before', () => {
    expect(messageTime('2026-11-26T16:30:00Z', now)).toBe('今天 00:30');
  });
  it('says 昨天 for the Shanghai day before', () => {
    expect(messageTime('2026-11-26T15:59:00Z', now)).toBe('昨天 23:59');
  });
  it('gives month and day within the year, and the year before that', () => {
    expect(messageTime('2026-03-05T01:02:00Z', now)).toBe('3月5日 09:02');
    expect(messageTime('2025-12-30T15:00:00Z', now)).toBe('2025年12月30日 23:00');
  });
  it('returns an empty string for an unreadable time', () => {
    expect(messageTime('not a date', now)).toBe('');
  });
});

describe('unread marks', () => {
  it('marks an unread message with a word, a read one with none', () => {
    expect(unreadMark(msg('a', '2026-11-27T01:00:00Z'))).toBe('未读');
    expect(unreadMark(msg('a', '2026-11-27T01:00:00Z', '2026-11-27T01:05:00Z'))).toBeNull();
  });
  it('says read or unread first to a screen reader', () => {
    expect(messageA11yLabel(msg('a', '2026-11-27T01:00:00Z'), new Date('2026-11-27T02:00:00Z'))).toBe('未读，预约已确认，今天 09:00');
  });
  it('shows no badge at 0, the number up to 99, then 99+', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-1)).toBeNull();
    expect(badgeText(Number.NaN)).toBeNull();
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('paging', () => {
  it('asks for the next page until every message is loaded', () => {
    expect(nextInboxPage({ page: 1, pageSize: 20, total: 41 })).toBe(2);
    expect(nextInboxPage({ page: 3, pageSize: 20, total: 41 })).toBeUndefined();
    expect(nextInboxPage({ page: 1, pageSize: 20, total: 20 })).toBeUndefined();
    expect(nextInboxPage({ page: 1, pageSize: 20, total: 0 })).toBeUndefined();
  });
  it('merges pages newest first without the duplicate a new message pushed onto the next page', () => {
    const p1 = { items: [msg('c', '2026-11-27T03:00:00Z'), msg('b', '2026-11-27T02:00:00Z')] };
    const p2 = { items: [msg('b', '2026-11-27T02:00:00Z'), msg('a', '2026-11-27T01:00:00Z')] };
    expect(mergePages([p1, p2]).map((m) => m.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('linkTarget', () => {
  it('sends a resident to their booking and staff to the staff booking page', () => {
    expect(linkTarget({ kind: 'booking', id: 'b 1' }, 'resident')).toEqual({
      kind: 'page',
      url: '/subpackages/booking/pages/detail/index?id=b%201',
      label: '查看我的预约',
    });
    expect(linkTarget({ kind: 'booking', id: 'b1' }, 'staff')).toEqual({
      kind: 'page',
      url: '/subpackages/staff-booking/pages/detail/index?id=b1',
      label: '查看这个预约',
    });
  });
  it('sends a family to the progress of the application and staff to the application', () => {
    expect(linkTarget({ kind: 'allowance', id: 'a 1' }, 'resident')).toEqual({
      kind: 'page',
      url: '/subpackages/allowance/pages/status/index?id=a%201',
      label: '查看申请进度',
    });
    expect(linkTarget({ kind: 'allowance', id: 'a1' }, 'staff')).toEqual({
      kind: 'page',
      url: '/subpackages/staff-allowance/pages/detail/index?id=a1',
      label: '查看这份申请',
    });
  });
  it('sends a family to the payments or the invitation of their own family member (the id the message carries)', () => {
    expect(linkTarget({ kind: 'allowance_payments', id: 'm 1' }, 'resident')).toEqual({
      kind: 'page',
      url: '/subpackages/allowance-pay/pages/payments/index?memberId=m%201',
      label: '查看每月发放',
    });
    expect(linkTarget({ kind: 'allowance_invitation', id: 'm1' }, 'resident')).toEqual({
      kind: 'page',
      url: '/subpackages/allowance-pay/pages/invitation/index?memberId=m1',
      label: '去确认领取',
    });
    expect(linkTarget({ kind: 'allowance_payments', id: 'm1' }, 'staff')).toBeNull();
    expect(linkTarget({ kind: 'allowance_invitation', id: 'm1' }, 'staff')).toBeNull();
  });
  it('sends a resident to their own reports and staff to the report queue', () => {
    expect(linkTarget({ kind: 'demand_report', id: 'r' }, 'resident')).toEqual({
      kind: 'page',
      url: '/subpackages/catalog/pages/my-reports/index',
      label: '查看我的反映',
    });
    expect(linkTarget({ kind: 'demand_report', id: 'r' }, 'staff')).toEqual({
      kind: 'page',
      url: '/subpackages/staff-catalog/pages/reports/index',
      label: '查看居民反映',
    });
  });
  it('shows no button for a message about nothing', () => {
    expect(linkTarget(null, 'resident')).toBeNull();
  });
});

describe('link pages are registered in app.config', () => {
  // a link to a page missing from the build would open nothing: every page a message can lead to must be registered
  const config = readFileSync(join(__dirname, '../src/app.config.ts'), 'utf8');
  const registered = (url: string) => {
    const [, root, page] = /^\/(subpackages\/[^/]+)\/(.+)$/.exec(url.split('?')[0]) ?? [];
    const line = config.split('\n').find((l) => l.includes(`root: '${root}'`)) ?? '';
    return line.includes(`'${page}'`);
  };
  it('tells a registered page from one that is not (negative control)', () => {
    expect(registered('/subpackages/catalog/pages/my-reports/index')).toBe(true);
    expect(registered('/subpackages/catalog/pages/not-a-page/index')).toBe(false);
  });
  it.each([
    linkTarget({ kind: 'booking', id: 'b' }, 'resident'),
    linkTarget({ kind: 'booking', id: 'b' }, 'staff'),
    linkTarget({ kind: 'demand_report', id: 'r' }, 'resident'),
    linkTarget({ kind: 'demand_report', id: 'r' }, 'staff'),
  ])('leads to a registered page: $url', (target) => {
    expect(target?.kind).toBe('page');
    expect(registered((target as { url: string }).url)).toBe(true);
  });
});

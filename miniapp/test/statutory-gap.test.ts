// the staff pages' banner about a coming year with no statutory holiday schedule, and where its inbox message leads
import { describe, expect, it } from '@jest/globals';
import { statutoryGapText } from '../src/features/booking/statutory-gap';
import { linkTarget } from '../src/features/notifications/inbox';

const gap = { year: 2027, reachesOn: '2026-12-18' };

describe('statutory gap banner', () => {
  it('tells the district admin, before the day, from when 2027 cannot be chosen and to publish it', () => {
    expect(statutoryGapText(gap, '2026-11-18', 'district_admin')).toEqual({
      title: '2027 年的节假日安排还没有发布',
      body: '2027 年的法定节假日安排尚未发布，预约将于 12 月 18 日起无法选择 2027 年的日期，请到节假日页面发布。',
    });
  });

  it('says it has already happened once the day has come, and asks other staff to contact the district admin', () => {
    expect(statutoryGapText(gap, '2026-12-18', 'other_staff').body).toBe('2027 年的法定节假日安排尚未发布，预约从 12 月 18 日起已经无法选择 2027 年的日期，请联系区管理员到节假日页面发布。');
    expect(statutoryGapText(gap, '2027-01-05', 'district_admin_on_holidays_page').body).toBe('2027 年的法定节假日安排尚未发布，预约从 12 月 18 日起已经无法选择 2027 年的日期，请在本页选 2027 年录入并保存。');
  });

  it('links the inbox message to the 节假日安排 page for staff', () => {
    expect(linkTarget({ kind: 'statutory_year', id: '2027' }, 'staff')).toEqual({ kind: 'page', url: '/subpackages/staff-booking/pages/holidays/index', label: '去节假日安排' });
  });
});

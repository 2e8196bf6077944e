import type { StatutoryGapView } from '@jianban/shared';

type Gap = NonNullable<StatutoryGapView['gap']>;
export type GapReader = 'district_admin' | 'other_staff' | 'district_admin_on_holidays_page';

const monthDay = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;

/**
 * The banner of the staff pages about bookings and holidays when the booking window will soon reach (or has reached)
 * a year with no statutory schedule, in plain words: what happens from which day, and who does what about it.
 */
export function statutoryGapText(gap: Gap, today: string, reader: GapReader): { title: string; body: string } {
  const when = today >= gap.reachesOn ? `预约从 ${monthDay(gap.reachesOn)}起已经` : `预约将于 ${monthDay(gap.reachesOn)}起`;
  const ask = {
    district_admin: '请到节假日页面发布。',
    district_admin_on_holidays_page: `请在本页选 ${gap.year} 年录入并保存。`,
    other_staff: '请联系区管理员到节假日页面发布。',
  }[reader];
  return {
    title: `${gap.year} 年的节假日安排还没有发布`,
    body: `${gap.year} 年的法定节假日安排尚未发布，${when}无法选择 ${gap.year} 年的日期，${ask}`,
  };
}

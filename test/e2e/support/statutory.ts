import { routes, type PublishStatutoryYearInput } from '@jianban/shared';
import { api } from './page-checks';
import { STAFF_PASSWORD } from './stack';

// Browser tests that book must not depend on the day they run: the bundled holiday package ends at some year, and a
// year nobody has entered is closed for booking. Before booking, the district admin (through the API, as the
// 节假日安排 page would) publishes every year from the server's current year on that has no schedule yet.

/** what the fixture enters for a year nobody published: 元旦 off, every other day as the weekday says */
const fixtureYear = (year: number): PublishStatutoryYearInput => ({
  source: `测试夹具：${year} 年只放元旦（真实安排以国务院通知为准）`,
  days: [{ date: `${year}-01-01`, kind: 'holiday', name: '元旦' }],
});

/** publishes every unknown year from the server's current year on (its list starts at last year); returns them */
export async function publishUnknownYears(base: string): Promise<number[]> {
  const { token } = await api(base, routes.staffLogin, { username: 'district', password: STAFF_PASSWORD });
  const { items } = (await api(base, routes.staffStatutoryYears, {}, { token })) as { items: { year: number; source: string }[] };
  const thisYear = Math.min(...items.map((i) => i.year)) + 1;
  const missing = items.filter((i) => i.source === 'none' && i.year >= thisYear).map((i) => i.year);
  for (const year of missing) await api(base, routes.staffPublishStatutoryYear, fixtureYear(year), { token, params: { year: String(year) } });
  return missing;
}

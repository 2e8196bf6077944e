import { routes, type PublishStatutoryYearInput, type RouteDef } from '@jianban/shared';
import { REFERENCE_TTL_MS } from '../../src/booking/calendar/calendar.service';

// Booking tests must not depend on the day they run: the bundled holiday package ends at some year, and a year nobody
// has entered is closed for booking. Before a suite looks for a bookable slot it publishes, as the district admin would,
// every year from the server's current year on that has no schedule yet — so the 14-day window always has workdays.

type Call = (route: RouteDef, input: unknown, opts: { token: string; params?: Record<string, string> }) => Promise<{ status: number; body: any }>;

/** what the fixture enters for a year nobody published: 元旦 off, every other day as the weekday says */
export const fixtureYear = (year: number): PublishStatutoryYearInput => ({
  source: `测试夹具：${year} 年只放元旦（真实安排以国务院通知为准）`,
  days: [{ date: `${year}-01-01`, kind: 'holiday', name: '元旦' }],
});

/**
 * Publishes every unknown year from the server's current year on (the server's clock decides what "current" is; its
 * list always holds last year, this year and next year). Returns the years published. When one was, waits out the
 * reference-cache bound so every server instance of a cluster sees it.
 */
export async function publishUnknownYears(call: Call, districtToken: string): Promise<number[]> {
  const list = await call(routes.staffStatutoryYears as RouteDef, {}, { token: districtToken });
  if (list.status !== 200) throw new Error(`statutory years: ${list.status} ${JSON.stringify(list.body)}`);
  const items = list.body.items as { year: number; source: 'district' | 'package' | 'none' }[];
  const thisYear = Math.min(...items.map((i) => i.year)) + 1; // the list starts at last year
  const missing = items.filter((i) => i.source === 'none' && i.year >= thisYear).map((i) => i.year);
  for (const year of missing) {
    const r = await call(routes.staffPublishStatutoryYear as RouteDef, fixtureYear(year), { token: districtToken, params: { year: String(year) } });
    if (r.status !== 200) throw new Error(`publish ${year}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  if (missing.length) await new Promise((ok) => setTimeout(ok, REFERENCE_TTL_MS + 100));
  return missing;
}

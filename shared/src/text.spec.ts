import { expect, it } from '@jest/globals';
import { addClosureInput } from './booking/booking.schema';
import { personName, updateMeInput } from './identity/identity.schema';
import { routes, type RouteName } from './routes';
import { CATALOG_SAMPLES } from './catalog/catalog.samples';
import { BOOKING_SAMPLES } from './booking/booking.samples';
import { NOTIFICATIONS_SAMPLES } from './notifications/notifications.samples';
import { STAFF_ADMIN_SAMPLES } from './identity/staff-admin.samples';
import { PROXIES_SAMPLES } from './identity/proxies.samples';
import type { Sample } from './route-sample';

// issue 15 item 5: names and short texts are NFKC-normalised and refuse invisible and control characters
const BAD = ['李\u202e敏', '李\u200b敏', '李\u2066敏\u2069', '李敏\u0000', '李\ufeff敏', '李敏\u0085'];

it('display names refuse bidi, zero-width and control characters and are NFKC-normalised', () => {
  for (const displayName of BAD) expect(updateMeInput.safeParse({ displayName }).success).toBe(false);
  expect(updateMeInput.parse({ displayName: 'ＬＩ 敏' }).displayName).toBe('LI 敏');
});

it('person names refuse them too and are NFKC-normalised', () => {
  for (const name of BAD) expect(personName.safeParse(name).success).toBe(false);
  expect(personName.parse('Ｗａｎｇ 敏')).toBe('Wang 敏');
});

it('short free text (a closure reason) refuses them', () => {
  for (const reason of BAD) expect(addClosureInput.safeParse({ date: '2027-03-01', reason }).success).toBe(false);
  expect(addClosureInput.safeParse({ date: '2027-03-01', reason: '社区活动' }).success).toBe(true);
});

it('keeps Chinese full-width punctuation as typed while folding full-width letters and digits', () => {
  expect(addClosureInput.parse({ date: '2027-03-01', reason: '测试：社区活动（上午），暂停服务！' }).reason).toBe('测试：社区活动（上午），暂停服务！');
  expect(addClosureInput.parse({ date: '2027-03-01', reason: '３楼\u3000维修ﬁ' }).reason).toBe('3楼\u3000维修fi');
});

// every text a person writes into any route's input (catalog edits, reports, work lists, booking texts, names …) refuses
// an inserted bidi override or zero-width space: each route's valid sample, one string field at a time

// strings that are not text shown to anyone: secrets and tokens compared byte for byte, and the search box (its words
// are normalised by the search, never stored or shown as typed)
const NOT_TEXT = new Set(['password', 'currentPassword', 'newPassword', 'refreshToken', 'code', 'q', 'idempotencyKey']);
const SAMPLES: Partial<Record<RouteName, Sample>> = { ...CATALOG_SAMPLES, ...BOOKING_SAMPLES, ...NOTIFICATIONS_SAMPLES, ...STAFF_ADMIN_SAMPLES, ...PROXIES_SAMPLES };

function stringPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (NOT_TEXT.has(k) ? [] : stringPaths(x, [...path, k])));
  return [];
}
function withInserted(v: unknown, path: (string | number)[], mark: string): unknown {
  if (!path.length) return `${String(v).slice(0, 1)}${mark}${String(v).slice(1)}`;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? withInserted(x, rest, mark) : x));
  return { ...(v as object), [head]: withInserted((v as Record<string, unknown>)[head as string], rest, mark) };
}

it('refuses a bidi override or zero-width space in every text field of every route input that has one', () => {
  let checked = 0;
  for (const [name, sample] of Object.entries(SAMPLES) as [RouteName, Sample][]) {
    const input = routes[name].input;
    expect([name, input.safeParse(sample.input).success]).toEqual([name, true]);
    for (const path of stringPaths(sample.input)) {
      for (const mark of ['\u202e', '\u200b']) {
        expect([name, path.join('.'), input.safeParse(withInserted(sample.input, path, mark)).success]).toEqual([name, path.join('.'), false]);
        checked++;
      }
    }
  }
  // catalog edits, reports, proposals, work lists, booking texts and staff accounts all have text fields
  expect(checked).toBeGreaterThan(20);
});

it('catalog texts staff write keep Chinese punctuation and fold full-width letters', () => {
  const r = routes.updateCatalogItem.input.parse({ baseVersion: 1, changes: { onlineChannel: '“鄂汇办”ＡＰＰ（手机）' }, changeNote: '补充：网上渠道' });
  expect(r.changes.onlineChannel).toBe('“鄂汇办”APP（手机）');
  expect(r.changeNote).toBe('补充：网上渠道');
});

// the pure parts of the network-drop handling: which booking a noted submit stands for, what counts as a page that
// could not load, and that a noted submit is told once and only when it went through
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

const store = new Map<string, string>();
const modals: { title: string; content: string }[] = [];
let bookings: unknown[] = [];

jest.mock('@tarojs/taro', () => {
  const Taro = {
    getStorageSync: (k: string) => store.get(k) ?? '',
    setStorageSync: (k: string, v: string) => void store.set(k, v),
    removeStorageSync: (k: string) => void store.delete(k),
    request: async () => ({ statusCode: 200, data: { items: bookings, total: bookings.length, page: 1, pageSize: 50 } }),
    showModal: async (m: { title: string; content: string }) => (modals.push(m), { confirm: false }),
    navigateTo: async () => ({}),
  };
  return { __esModule: true, default: Taro, ...Taro };
});

import type { SubmitNote } from '../src/services/unseen-submits';

// loaded after the mock (like session.test.ts): the modules import Taro at load
const unseen = () => import('../src/services/unseen-submits');

const AT = Date.parse('2026-09-17T02:00:00Z');
const note: SubmitNote = { key: 'k1', serviceItemId: 'svc', date: '2026-09-18', start: '09:00', familyMemberId: 'fm1', at: AT };
const booking = (over: Record<string, unknown> = {}) => ({
  id: 'b1', status: 'pending', statusText: '待确认', channel: 'online', communityCode: '421003003003', communityName: '梅村社区',
  serviceItem: { id: 'svc', name: '居住证明', durationMinutes: 20, catalogCode: null }, personName: '吴秀兰', familyMemberId: 'fm1',
  date: '2026-09-18', start: '09:00', end: '09:20', startsAt: '', endsAt: '', createdAt: new Date(AT + 3000).toISOString(),
  canCancel: true, canReschedule: true, cutoffAt: '', ...over,
});

beforeEach(() => {
  store.clear();
  modals.length = 0;
  bookings = [];
});

describe('bookingOf', () => {
  it('finds the booking made for the note: same service, day, time, person, made after it', async () => {
    const { bookingOf } = await unseen();
    expect(bookingOf(note, [booking()] as never)?.id).toBe('b1');
    for (const other of [{ start: '10:00' }, { familyMemberId: null }, { serviceItem: { id: 'x', name: '', durationMinutes: 1, catalogCode: null } }, { createdAt: new Date(AT - 3600_000).toISOString() }]) {
      expect(bookingOf(note, [booking(other)] as never)).toBeUndefined();
    }
  });
});

describe('checkUnseenSubmits', () => {
  it('tells her once when the noted submit went through, and keeps a fresh note with no booking for the next open', async () => {
    const { checkUnseenSubmits, noteSubmit } = await unseen();
    noteSubmit(note);
    noteSubmit({ ...note, key: 'k2', start: '11:00' });
    bookings = [booking()];
    await checkUnseenSubmits(AT + 10_000);
    expect(modals.map((m) => m.title)).toEqual(['您的预约已经约上了']);
    expect(modals[0].content).toContain('吴秀兰，9月18日 09:00，居住证明');
    expect(JSON.parse(store.get('jb.unseenSubmits')!).map((n: SubmitNote) => n.key)).toEqual(['k2']);
    await checkUnseenSubmits(AT + 10 * 60_000); // settled with nothing behind it: dropped, nothing told
    expect(modals).toHaveLength(1);
    expect(store.has('jb.unseenSubmits')).toBe(false);
  });
});

describe('isPageLoadFailure', () => {
  it('knows the ways a page script fails to load, and nothing else', async () => {
    const { isPageLoadFailure } = await import('../src/services/page-load-errors');
    expect(isPageLoadFailure(Object.assign(new Error('Loading chunk 123 failed.\n(error: http://x/js/123.js)'), { name: 'ChunkLoadError' }))).toBe(true);
    expect(isPageLoadFailure(new TypeError('Failed to fetch dynamically imported module: http://x/a.js'))).toBe(true);
    expect(isPageLoadFailure(new Error('Loading CSS chunk 7 failed'))).toBe(true);
    expect(isPageLoadFailure(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isPageLoadFailure(undefined)).toBe(false);
  });
});

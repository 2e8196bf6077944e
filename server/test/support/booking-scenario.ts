import { randomUUID } from 'node:crypto';
import { routes } from '@jianban/shared';
import type { Cluster } from './cluster';
import { race, raceLimited } from './booking-load';
import { slotState } from './booking-invariants';
import { publishUnknownYears } from './statutory-years';

// Booking fixtures shared by the race and fault suites: service items, free slots from the availability API, the slot
// capacity (postCount is copied into a slot when its row is first created), and one booking request.
export const COMMUNITY = '421003003003'; // 梅村社区, seeded staff 'meicun'

export interface SlotRef {
  date: string;
  start: string;
}

export interface BookingFixture {
  staffToken: string;
  items: string[]; // service item ids created for the suite (one per race: one active booking per person per service)
  nextItem(): string;
  nextSlot(): SlotRef; // a bookable slot nobody has used yet in this suite
  setPostCount(n: number): Promise<void>;
  book(token: string, item: string, slot: SlotRef, opts?: { key?: string; proc?: number; timeoutMs?: number }): ReturnType<Cluster['http']>;
  slotIdOf(bookingId: string): Promise<string>;
}

export async function prepareBookings(c: Cluster, opts: { items: number }): Promise<BookingFixture> {
  // the free slots below come from the real date's window: a year the calendar does not know is published first
  await publishUnknownYears((route, input, o) => c.call(route, input as never, o as never), await c.loginStaff('district'));
  const staffToken = await c.loginStaff('meicun');
  const settings = await c.call(routes.staffUpdateBookingSettings, { minNoticeMinutes: 0, postCount: 5 }, { token: staffToken, params: { code: COMMUNITY } });
  if (settings.status !== 200) throw new Error(`booking settings: ${settings.status} ${JSON.stringify(settings.body)}`);
  const items: string[] = [];
  for (let i = 0; i < opts.items; i++) {
    const r = await c.call(routes.staffCreateServiceItem, { name: `并发测试事项${i}`, durationMinutes: 15 }, { token: staffToken, params: { code: COMMUNITY } });
    if (r.status !== 201) throw new Error(`service item: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(r.body.id);
  }
  const avail = await c.call(routes.serviceAvailability, {}, { token: staffToken, params: { id: items[0] } });
  if (avail.status !== 200) throw new Error(`availability: ${avail.status} ${JSON.stringify(avail.body)}`);
  const free: SlotRef[] = [];
  for (const d of avail.body.days) for (const s of d.slots) if (d.open && s.bookable) free.push({ date: d.date, start: s.start });
  // the first day may be close to the minimum notice / cutoff: prefer later slots
  free.reverse();
  let nextItem = 0;
  let nextSlot = 0;
  return {
    staffToken,
    items,
    nextItem: () => {
      if (nextItem >= items.length) throw new Error('out of service items: raise `items`');
      return items[nextItem++];
    },
    nextSlot: () => {
      if (nextSlot >= free.length) throw new Error('out of free slots in the booking window');
      return free[nextSlot++];
    },
    setPostCount: async (n) => {
      const r = await c.call(routes.staffUpdateBookingSettings, { postCount: n }, { token: staffToken, params: { code: COMMUNITY } });
      if (r.status !== 200) throw new Error(`postCount: ${r.status} ${JSON.stringify(r.body)}`);
    },
    book: (token, item, slot, o = {}) =>
      c.call(routes.createBooking, { serviceItemId: item, date: slot.date, start: slot.start, selfName: '王建国', idempotencyKey: o.key ?? randomUUID() }, { token, proc: o.proc, timeoutMs: o.timeoutMs }),
    slotIdOf: async (bookingId) => {
      const [row] = await c.probe.query<{ slot_id: string }>('SELECT slot_id FROM booking WHERE id = ?', [bookingId]);
      if (!row) throw new Error(`booking ${bookingId} not in the database`);
      return row.slot_id;
    },
  };
}

/**
 * One C1 run (reliability row C1): a fresh slot of capacity K + pre.length with the `pre` residents' seats taken first,
 * then every racer books the last K at once (racer i through server process `procOf(i)`, default round robin; with
 * `inFlight`, that many at a time, each next racer sent as one is answered). Returns
 * the outcomes and the slot's counter before and after the race, read from the database.
 */
export async function lastSeatsRun(
  c: Cluster,
  f: BookingFixture,
  o: { k: number; pre: string[]; racers: string[]; timeoutMs: number; procOf?: (i: number) => number; inFlight?: number },
) {
  const item = f.nextItem();
  const slot = f.nextSlot();
  await f.setPostCount(o.k + o.pre.length);
  let slotId = '';
  for (const t of o.pre) {
    const r = await f.book(t, item, slot);
    if (r.status !== 201) throw new Error(`pre-booking answered ${r.status}: ${JSON.stringify(r.body)}`);
    slotId = await f.slotIdOf((r.body as { id: string }).id);
  }
  const start = (await slotState(c.probe, slotId)).booked;
  const tasks = o.racers.map((t, i) => () => f.book(t, item, slot, { timeoutMs: o.timeoutMs, proc: o.procOf?.(i) }));
  const outcomes = o.inFlight ? await raceLimited(tasks, o.inFlight) : await race(tasks);
  const after = await slotState(c.probe, slotId);
  return { outcomes, start, after };
}

// helpers for the booking integration suites (booking*.int-spec.ts): a settable clock and small shortcuts
import { randomUUID } from 'node:crypto';
import { routes } from '@jianban/shared';
import { Clock } from '../../src/common/clock';
import type { TestApp } from '../support/test-app';

export const MEICUN = '421003003003';
export const DONGMEN = '421003002004';
// sessions are checked against the injected clock, so a long TTL keeps them valid while tests move time
export const BOOKING_TEST_ENV = { SESSION_TTL_SECONDS: '31536000', REFRESH_TTL_SECONDS: '31536000', BOOKING_JOB_POLL_SECONDS: '0', NOTIFY_DISPATCH: 'off' };

/** the instant of a Shanghai local date-time, e.g. at('2026-09-17', '10:00') */
export function at(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** replaces the app's Clock with a settable one (every service holds the same instance) */
export function controlClock(t: TestApp) {
  const clock = t.app.app.get(Clock);
  let now = clock.now();
  clock.now = () => new Date(now.getTime());
  return {
    set(d: Date) {
      now = d;
    },
    get now() {
      return now;
    },
  };
}

export async function serviceItemId(t: TestApp, code = MEICUN, name = '居住证明'): Promise<string> {
  const token = await t.loginResident('booking-item-reader');
  const r = await t.call(routes.listServiceItems, {}, { params: { code }, token });
  const item = (r.body.items as { id: string; name: string }[]).find((i) => i.name === name);
  if (!item) throw new Error(`no service item ${name} in ${code}: ${JSON.stringify(r.body)}`);
  return item.id;
}

export function book(t: TestApp, token: string, input: { serviceItemId: string; date: string; start: string; selfName?: string; familyMemberId?: string; idempotencyKey?: string }) {
  const body = { ...input, ...(input.familyMemberId ? {} : { selfName: input.selfName ?? '王建国' }), idempotencyKey: input.idempotencyKey ?? randomUUID() };
  return t.call(routes.createBooking, body, { token });
}

export async function bookingRows(t: TestApp, where = '1=1'): Promise<{ id: string; status: string; account_id: string | null }[]> {
  return t.ds.query(`SELECT id, status, account_id FROM booking WHERE ${where}`);
}

export async function slotRow(t: TestApp, code: string, date: string, start: string): Promise<{ capacity: number; booked: number } | undefined> {
  const rows = await t.ds.query(`SELECT capacity, booked FROM booking_slot WHERE community_code = '${code}' AND date = '${date}' AND start_time = '${start}'`);
  return rows[0] ? { capacity: Number(rows[0].capacity), booked: Number(rows[0].booked) } : undefined;
}

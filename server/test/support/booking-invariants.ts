import { randomBytes, randomUUID } from 'node:crypto';
import type { DbProbe } from './cluster';
import { sleep } from './booking-load';

// The booking invariants every race / fault test checks directly in the database (not through the API):
// a slot's counter equals its active booking rows, never exceeds its capacity, and nobody holds a slot twice.
export const ACTIVE = ['pending', 'confirmed', 'checked_in'];
const ACTIVE_SQL = `('${ACTIVE.join("','")}')`;

export interface SlotState {
  id: string;
  capacity: number;
  booked: number;
  activeRows: number; // bookings holding a seat of this slot
  duplicateAccounts: number; // accounts holding the slot more than once
  overbooked: number; // max(0, activeRows - capacity)
}

export async function slotState(probe: DbProbe, slotId: string): Promise<SlotState> {
  const [slot] = await probe.query<{ capacity: number; booked: number }>('SELECT capacity, booked FROM booking_slot WHERE id = ?', [slotId]);
  if (!slot) throw new Error(`no slot ${slotId}`);
  const [{ n }] = await probe.query<{ n: number }>(`SELECT COUNT(*) AS n FROM booking WHERE slot_id = ? AND status IN ${ACTIVE_SQL}`, [slotId]);
  const dups = await probe.query(
    `SELECT account_id FROM booking WHERE slot_id = ? AND status IN ${ACTIVE_SQL} AND account_id IS NOT NULL GROUP BY account_id HAVING COUNT(*) > 1`,
    [slotId],
  );
  const activeRows = Number(n);
  return { id: slotId, capacity: Number(slot.capacity), booked: Number(slot.booked), activeRows, duplicateAccounts: dups.length, overbooked: Math.max(0, activeRows - Number(slot.capacity)) };
}

// every slot of the database at once: the global form of the invariant (used after fault injection)
export async function allSlotViolations(probe: DbProbe): Promise<{ slots: number; counterMismatch: SlotState[]; overbooked: SlotState[] }> {
  const rows = await probe.query<{ id: string; capacity: number; booked: number; n: number }>(
    `SELECT s.id, s.capacity, s.booked, (SELECT COUNT(*) FROM booking b WHERE b.slot_id = s.id AND b.status IN ${ACTIVE_SQL}) AS n FROM booking_slot s`,
  );
  const states = rows.map((r) => ({
    id: r.id, capacity: Number(r.capacity), booked: Number(r.booked), activeRows: Number(r.n), duplicateAccounts: 0,
    overbooked: Math.max(0, Number(r.n) - Number(r.capacity)),
  }));
  return { slots: states.length, counterMismatch: states.filter((s) => s.booked !== s.activeRows), overbooked: states.filter((s) => s.overbooked > 0) };
}

// a slot row made directly in the database (far in the future, so it never collides with API-made slots)
export async function insertSlot(probe: DbProbe, communityCode: string, capacity: number, n: number): Promise<string> {
  const id = randomUUID();
  const startsAt = new Date(Date.UTC(2099, 0, 1, 0, 0) + n * 15 * 60000);
  const fmt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  const local = new Date(startsAt.getTime() + 8 * 3600000).toISOString();
  await probe.query(
    'INSERT INTO booking_slot (id, community_code, date, start_time, starts_at, ends_at, capacity, booked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)',
    [id, communityCode, local.slice(0, 10), local.slice(11, 16), fmt(startsAt), fmt(new Date(startsAt.getTime() + 15 * 60000)), capacity, fmt(new Date())],
  );
  return id;
}

/**
 * NEGATIVE CONTROL: the classic broken booking — read the counter, check it, then write `booked = read + 1` and insert,
 * with an await between the check and the write (what a service doing SELECT … then save() does under load).
 * Run with the same concurrency against the same schema, the same assertions must catch it overbooking.
 */
export async function naiveBook(probe: DbProbe, slotId: string, serviceItemId: string, communityCode: string): Promise<'booked' | 'full'> {
  const [slot] = await probe.query<{ capacity: number; booked: number; date: string; start_time: string; starts_at: unknown; ends_at: unknown }>(
    'SELECT capacity, booked, date, start_time, starts_at, ends_at FROM booking_slot WHERE id = ?',
    [slotId],
  );
  await sleep(Math.random() * 5); // the await between check and write
  if (Number(slot.booked) >= Number(slot.capacity)) return 'full';
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const accountId = randomUUID();
  await probe.query(
    `INSERT INTO booking (id, account_id, community_code, service_item_id, slot_id, date, start_time, starts_at, ends_at, person_name,
       person_key, active_key, channel, status, pass_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'naive', ?, ?, 'online', 'pending', ?, ?, ?)`,
    [randomUUID(), accountId, communityCode, serviceItemId, slotId, slot.date, slot.start_time, toSql(slot.starts_at), toSql(slot.ends_at),
      `self:${accountId}`, `self:${accountId}|${serviceItemId}`, randomBytes(6).toString('hex').toUpperCase(), now, now],
  );
  await probe.query('UPDATE booking_slot SET booked = ? WHERE id = ?', [Number(slot.booked) + 1, slotId]);
  return 'booked';
}

const toSql = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : v);

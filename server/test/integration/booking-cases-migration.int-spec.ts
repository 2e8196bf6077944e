// Booking's ownership, handler, flags and case log move to the case kit's tables (migration BookingCases1764420000001):
// nothing is lost, a hand-over's reason becomes staff-only text, and down() puts every value back where it was
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { describeEngines } from '../support/describe-engines';
import { undoThrough } from '../support/migrations';
import { createDatabase, type TestDatabase } from '../support/test-app';

const T = (min: number) => new Date(Date.UTC(2026, 10, 2, 1, min)).toISOString().replace('T', ' ').replace('Z', '');
const MEICUN = '421003003003';

describeEngines('booking cases move to the case kit on %s', (engine) => {
  let ds: DataSource;
  let db: TestDatabase;
  const staffA = randomUUID();
  const staffB = randomUUID();
  const ids = { pending: randomUUID(), handed: randomUUID(), done: randomUUID() };
  let logBefore: Record<string, unknown>[] = [];
  let bookingBefore: Record<string, unknown>[] = [];

  const insertBooking = (id: string, status: string, owner: { responsible: string | null; handler: string | null; flagged: string | null; closedAt: string | null }) =>
    ds.query(
      `INSERT INTO booking (id, account_id, community_code, service_item_id, slot_id, date, start_time, starts_at, ends_at, person_name, family_member_id,
         person_key, active_key, channel, status, pass_code, responsible_staff_id, responsible_at, handler_staff_id, missing_materials_json, reject_reason,
         note, reminder_for, flagged_reason, created_by_staff_id, created_at, updated_at, closed_at)
       VALUES (?, ?, ?, ?, ?, '2026-11-20', '09:00', ?, ?, '张桂英', NULL, ?, NULL, 'online', ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, NULL, ?, ?, ?)`,
      [
        id, randomUUID(), MEICUN, randomUUID(), randomUUID(), T(0), T(30), `self:${id}`, status, id.slice(0, 12).toUpperCase(),
        owner.responsible, owner.responsible ? T(5) : null, owner.handler, owner.flagged, T(1), T(6), owner.closedAt,
      ],
    );
  const insertLog = (bookingId: string, action: string, note: string | null, visible: boolean, minute: number, actor: string | null) =>
    ds.query(
      `INSERT INTO booking_case_log (id, booking_id, action, actor_kind, actor_id, actor_name, note, visible_to_resident, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), bookingId, action, actor ? 'staff' : 'resident', actor, actor ? '王芳' : '居民', note, visible ? 1 : 0, T(minute)],
    );
  const rows = (sql: string, params: unknown[] = []) => ds.query(sql, params) as Promise<Record<string, unknown>[]>;
  const norm = (r: Record<string, unknown>[]) => r.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v === null ? null : String(v)])));

  beforeAll(async () => {
    db = await createDatabase(engine);
    ds = await createDataSource(loadConfig({ NODE_ENV: 'test', ...db.env }).db).initialize();
    await ds.runMigrations({ transaction: 'each' });
    await undoThrough(ds, 'BookingCases1764420000001');
    await insertBooking(ids.pending, 'pending', { responsible: null, handler: null, flagged: 'unconfirmed', closedAt: null });
    await insertBooking(ids.handed, 'confirmed', { responsible: staffA, handler: staffB, flagged: null, closedAt: null });
    await insertBooking(ids.done, 'done', { responsible: staffA, handler: staffA, flagged: 'not_closed', closedAt: T(20) });
    await insertLog(ids.pending, 'created', null, true, 1, null);
    await insertLog(ids.handed, 'created', null, true, 1, null);
    await insertLog(ids.handed, 'confirmed', '请带户口本', true, 5, staffA);
    await insertLog(ids.handed, 'handed_over', '转交给李敏：下午去街道开会', true, 6, staffA);
    await insertLog(ids.handed, 'note', '已电话联系', false, 7, staffA);
    await insertLog(ids.done, 'created', null, true, 1, null);
    await insertLog(ids.done, 'done', null, true, 20, staffA);
    logBefore = norm(await rows('SELECT id, booking_id, action, actor_kind, actor_id, actor_name, note, visible_to_resident, created_at FROM booking_case_log ORDER BY id'));
    bookingBefore = norm(await rows('SELECT id, responsible_staff_id, responsible_at, handler_staff_id, flagged_reason FROM booking ORDER BY id'));
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('gives every booking a case file with its owner, handler, flag and closing', async () => {
    const files = await rows("SELECT subject_id, community_code, responsible_staff_id, handler_staff_id, flagged_reason, closed_at FROM case_file WHERE kind = 'booking'");
    const by = new Map(files.map((f) => [f.subject_id, f]));
    expect(by.size).toBe(3);
    expect(by.get(ids.pending)).toMatchObject({ community_code: MEICUN, responsible_staff_id: null, handler_staff_id: null, flagged_reason: 'unconfirmed', closed_at: null });
    expect(by.get(ids.handed)).toMatchObject({ responsible_staff_id: staffA, handler_staff_id: staffB, flagged_reason: null, closed_at: null });
    expect(by.get(ids.done)).toMatchObject({ responsible_staff_id: staffA, handler_staff_id: staffA, flagged_reason: 'not_closed' });
    expect(by.get(ids.done)!.closed_at).not.toBeNull();
  });

  it('moves every log row, keeping ids, order and visibility; the hand-over reason becomes internal text', async () => {
    const log = await rows("SELECT id, subject_id, action, note, internal_note, visible_to_resident FROM case_log WHERE kind = 'booking' ORDER BY id");
    expect(log.map((l) => l.id)).toEqual(logBefore.map((l) => l.id));
    const handed = log.find((l) => l.action === 'handed_over')!;
    expect([handed.note, handed.internal_note]).toEqual(['转交给李敏', '下午去街道开会']);
    const note = log.find((l) => l.action === 'note')!;
    expect([note.note, note.internal_note, Number(note.visible_to_resident)]).toEqual(['已电话联系', null, 0]);
    expect(log.find((l) => l.action === 'confirmed')!.note).toBe('请带户口本');
  });

  it('drops the old table and columns', async () => {
    const runner = ds.createQueryRunner();
    try {
      expect(await runner.hasTable('booking_case_log')).toBe(false);
      const cols = (await runner.getTable('booking'))!.columns.map((c) => c.name);
      for (const c of ['responsible_staff_id', 'responsible_at', 'handler_staff_id', 'flagged_reason']) expect(cols).not.toContain(c);
    } finally {
      await runner.release();
    }
  });

  it('down() puts every value back where it was (the hand-over note whole again)', async () => {
    await undoThrough(ds, 'BookingCases1764420000001');
    expect(norm(await rows('SELECT id, booking_id, action, actor_kind, actor_id, actor_name, note, visible_to_resident, created_at FROM booking_case_log ORDER BY id'))).toEqual(logBefore);
    expect(norm(await rows('SELECT id, responsible_staff_id, responsible_at, handler_staff_id, flagged_reason FROM booking ORDER BY id'))).toEqual(bookingBefore);
    expect(await rows("SELECT subject_id FROM case_file WHERE kind = 'booking'")).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect(Number((await rows("SELECT COUNT(*) AS n FROM case_log WHERE kind = 'booking'"))[0].n)).toBe(logBefore.length);
  });
});

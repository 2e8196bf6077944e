import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import ExcelJS from 'exceljs';
import { describeEngines } from '../support/describe-engines';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, DONGMEN, MEICUN, at, controlClock, serviceItemId } from './booking-helpers';

// issue 14 item 11: the family's phone, given with consent at booking, encrypted at rest; staff see it masked, reveal
// it in the detail (each reveal recorded), and get the full numbers only in the export of the day they serve
describeEngines('booking contact phone on %s', (engine) => {
  let t: TestApp;
  let item: string;
  let item2: string;
  let staff: string;
  let dongmen: string;
  let resident: string;
  let withPhone = '';
  let withoutPhone = '';
  let clock: ReturnType<typeof controlClock>;
  const PHONE = '13912345678';

  const book = (input: Record<string, unknown>) =>
    t.call(routes.createBooking, { serviceItemId: item, date: '2026-09-18', start: '14:30', idempotencyKey: randomUUID(), ...input }, { token: resident });
  const xlsxRows = async (base64: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = header.findIndex((h) => h.startsWith('家属电话'));
    return { header: header[col], phones: Array.from(ws.getColumn(col).values.slice(2), (v) => String(v ?? '')) };
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-contact', env: BOOKING_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-09-17', '10:00')); // a Thursday; the window opens on Friday 09-18
    item = await serviceItemId(t);
    item2 = await serviceItemId(t, MEICUN, '低保咨询');
    staff = await t.loginStaff('meicun');
    dongmen = await t.loginStaff('dongmen');
    resident = await t.loginResident('contact-resident');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a phone without consent, and a phone that is not a mobile number, writing nothing', async () => {
    const noConsent = await book({ selfName: '王建国', contactPhone: PHONE });
    expect([noConsent.status, noConsent.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const bad = await book({ selfName: '王建国', contactPhone: '1234', phoneConsent: true });
    expect(bad.status).toBe(400);
    expect(await t.ds.query('SELECT booking_id FROM booking_contact')).toEqual([]);
  });

  it('stores the phone encrypted, never in clear', async () => {
    const r = await book({ selfName: '王建国', contactPhone: '139 1234 5678', phoneConsent: true });
    expect(r.status).toBe(201);
    withPhone = r.body.id;
    const other = await book({ selfName: '王建国', serviceItemId: item2 });
    expect(other.status).toBe(201);
    withoutPhone = other.body.id;
    const rows: { booking_id: string; phone_enc: string }[] = await t.ds.query('SELECT booking_id, phone_enc FROM booking_contact');
    expect(rows.map((x) => x.booking_id)).toEqual([withPhone]);
    expect(rows[0].phone_enc).not.toContain('5678');
    expect(JSON.stringify(r.body)).not.toContain(PHONE);
  });

  it('shows staff the phone masked; the reveal gives the full number and records who saw it', async () => {
    const d = await t.call(routes.staffGetBooking, {}, { params: { id: withPhone }, token: staff });
    expect(d.body.contactPhone).toBe('139****5678');
    expect((await t.call(routes.staffGetBooking, {}, { params: { id: withoutPhone }, token: staff })).body.contactPhone).toBeNull();
    // the full number only after the staff member re-enters the password (step-up); the refusal reveals nothing
    const asked = await t.call(routes.staffRevealBookingPhone, {}, { params: { id: withPhone }, token: staff });
    expect([asked.status, asked.body.code, JSON.stringify(asked.body).includes(PHONE)]).toEqual([403, 'STEP_UP_REQUIRED', false]);
    for (const tk of [staff, dongmen]) expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: tk })).status).toBe(200);
    const reveal = await t.call(routes.staffRevealBookingPhone, {}, { params: { id: withPhone }, token: staff });
    expect([reveal.status, reveal.body]).toEqual([200, { phone: PHONE }]);
    const audit: { booking_id: string; kind: string; staff_id: string }[] = await t.ds.query("SELECT booking_id, kind, staff_id FROM booking_contact_access WHERE kind = 'reveal'");
    expect(audit).toHaveLength(1);
    expect(audit[0].booking_id).toBe(withPhone);
    const meicunId = (await t.ds.query("SELECT id FROM staff_account WHERE username = 'meicun'"))[0].id;
    expect(audit[0].staff_id).toBe(meicunId);
    // no phone: 404 and nothing recorded; another community's staff: 404 and nothing recorded
    expect((await t.call(routes.staffRevealBookingPhone, {}, { params: { id: withoutPhone }, token: staff })).status).toBe(404);
    expect((await t.call(routes.staffRevealBookingPhone, {}, { params: { id: withPhone }, token: dongmen })).status).toBe(404);
    expect(await t.ds.query("SELECT id FROM booking_contact_access WHERE kind = 'reveal'")).toHaveLength(1);
    expect(DONGMEN).not.toBe(MEICUN);
  });

  it('puts the full phone in the export of today only (recorded), masked in any other export', async () => {
    clock.set(at('2026-09-18', '08:00')); // the day of the visits
    const today = await t.call(routes.staffExportBookings, { date: '2026-09-18' }, { params: { code: MEICUN }, token: staff });
    expect(today.status).toBe(200);
    const full = await xlsxRows(today.body.base64);
    expect(full.header).toBe('家属电话');
    expect(full.phones).toContain(PHONE);
    const exports: { kind: string; day: string; phone_count: number }[] = await t.ds.query("SELECT kind, day, phone_count FROM booking_contact_access WHERE kind = 'export'");
    expect(exports.map((e) => ({ ...e, phone_count: Number(e.phone_count) }))).toEqual([{ kind: 'export', day: '2026-09-18', phone_count: 1 }]);
    const month = await t.call(routes.staffExportBookings, { month: '2026-09' }, { params: { code: MEICUN }, token: staff });
    const masked = await xlsxRows(month.body.base64);
    expect(masked.phones).toContain('139****5678');
    expect(masked.phones).not.toContain(PHONE);
    const span = await t.call(routes.staffExportBookings, { from: '2026-09-18', to: '2026-09-18' }, { params: { code: MEICUN }, token: staff });
    expect((await xlsxRows(span.body.base64)).phones).not.toContain(PHONE);
    expect(await t.ds.query("SELECT id FROM booking_contact_access WHERE kind = 'export'")).toHaveLength(1);
  });
});

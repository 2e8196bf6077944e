import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, DONGMEN, MEICUN, at, book, controlClock, serviceItemId } from './booking-helpers';

// issue 14 item 2: the centre's address, phone and map position, set by the community's staff, shown to residents
describeEngines('booking centre contact on %s', (engine) => {
  let t: TestApp;
  let item: string;
  let staff: string;
  let dongmen: string;
  let resident: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-centre', env: BOOKING_TEST_ENV });
    controlClock(t).set(at('2026-09-17', '10:00')); // a Thursday
    item = await serviceItemId(t);
    staff = await t.loginStaff('meicun');
    dongmen = await t.loginStaff('dongmen');
    resident = await t.loginResident('centre-resident');
  });
  afterAll(async () => {
    await t?.close();
  });

  const settings = (token = staff, code = MEICUN) => t.call(routes.staffGetBookingSettings, {}, { params: { code }, token });
  const availability = async () => (await t.call(routes.serviceAvailability, {}, { params: { id: item }, token: resident })).body;

  it('starts with nothing filled in: no address, phone or position is invented', async () => {
    const s = await settings();
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ centreAddress: null, centrePhone: null, centreLocation: null });
    expect((await availability()).centre).toMatchObject({ address: null, phone: null, location: null });
    const row = (await t.ds.query('SELECT centre_address, centre_phone, centre_lat_e6, centre_lng_e6 FROM booking_settings')) as Record<string, unknown>[];
    expect(row.every((r) => r.centre_address === null && r.centre_phone === null && r.centre_lat_e6 === null && r.centre_lng_e6 === null)).toBe(true);
  });

  it('staff save address, phone and position; residents see them with the opening hours on the confirm page data and the pass', async () => {
    const r = await t.call(
      routes.staffUpdateBookingSettings,
      { centreAddress: ' 测试路１号 ', centrePhone: '0716 1234567', centreLocation: { latitude: 30.352817, longitude: 112.190436 } },
      { params: { code: MEICUN }, token: staff },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ centreAddress: '测试路1号', centrePhone: '0716-1234567', centreLocation: { latitude: 30.352817, longitude: 112.190436 } });
    expect((await settings()).body.centrePhone).toBe('0716-1234567');

    const list = await t.call(routes.listServiceItems, {}, { params: { code: MEICUN }, token: resident });
    expect(list.body.centre).toMatchObject({ address: '测试路1号', phone: '0716-1234567' });
    expect(list.body.items.length).toBeGreaterThan(0);
    const a = await availability();
    expect(a.centre).toEqual({ address: '测试路1号', phone: '0716-1234567', location: { latitude: 30.352817, longitude: 112.190436 }, openingHours: expect.any(Array) });
    expect(a.centre.openingHours.map((d: { weekday: number }) => d.weekday)).toEqual([1, 2, 3, 4, 5]);

    const b = await book(t, resident, { serviceItemId: item, date: '2026-09-18', start: '09:00' });
    expect(b.status).toBe(201);
    expect(b.body.centre).toMatchObject({ address: '测试路1号', phone: '0716-1234567' });
    const pass = await t.call(routes.getBooking, {}, { params: { id: b.body.id }, token: resident });
    expect(pass.body.centre).toMatchObject({ address: '测试路1号', phone: '0716-1234567', location: { latitude: 30.352817, longitude: 112.190436 } });
  });

  it('refuses a bad phone, out-of-range coordinates and invisible characters, writing nothing', async () => {
    for (const body of [
      { centrePhone: '12345', centreAddress: '别的路' },
      { centreLocation: { latitude: 112.19, longitude: 30.35 }, centreAddress: '别的路' },
      { centreLocation: { latitude: 30.35 }, centreAddress: '别的路' },
      { centreAddress: '别的\u202e路' },
    ]) {
      const r = await t.call(routes.staffUpdateBookingSettings, body as never, { params: { code: MEICUN }, token: staff });
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await settings()).body).toMatchObject({ centreAddress: '测试路1号', centrePhone: '0716-1234567', centreLocation: { latitude: 30.352817, longitude: 112.190436 } });
  });

  it("another community's staff cannot read or change it", async () => {
    const r = await t.call(routes.staffUpdateBookingSettings, { centreAddress: '别处', centrePhone: '13800001234' }, { params: { code: MEICUN }, token: dongmen });
    expect(r.status).toBe(404);
    expect((await settings(dongmen)).status).toBe(404);
    expect((await settings()).body).toMatchObject({ centreAddress: '测试路1号', centrePhone: '0716-1234567' });
    // positive control: dongmen's staff can set their own, which does not touch 梅村's
    const own = await t.call(routes.staffUpdateBookingSettings, { centrePhone: '13800001234' }, { params: { code: DONGMEN }, token: dongmen });
    expect([own.status, own.body.centrePhone]).toEqual([200, '13800001234']);
    expect((await availability()).centre.phone).toBe('0716-1234567');
  });

  it('says per service item whether the person must come; null until staff say so, another community cannot set it', async () => {
    expect((await availability()).serviceItem.inPerson).toBeNull();
    const denied = await t.call(routes.staffUpdateServiceItem, { inPerson: 'proxy_ok' }, { params: { id: item }, token: dongmen });
    expect(denied.status).toBe(404);
    expect((await availability()).serviceItem.inPerson).toBeNull();
    const bad = await t.call(routes.staffUpdateServiceItem, { inPerson: 'maybe' } as never, { params: { id: item }, token: staff });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const r = await t.call(routes.staffUpdateServiceItem, { inPerson: 'required' }, { params: { id: item }, token: staff });
    expect([r.status, r.body.inPerson]).toEqual([200, 'required']);
    expect((await availability()).serviceItem.inPerson).toBe('required');
    const mine = await t.call(routes.myBookings, {}, { token: resident });
    const id = (mine.body.items as { id: string }[])[0].id;
    expect((await t.call(routes.getBooking, {}, { params: { id }, token: resident })).body.inPerson).toBe('required');
    await t.call(routes.staffUpdateServiceItem, { inPerson: null }, { params: { id: item }, token: staff });
    expect((await availability()).serviceItem.inPerson).toBeNull();
  });

  it('clears them with null', async () => {
    const r = await t.call(routes.staffUpdateBookingSettings, { centreAddress: null, centrePhone: null, centreLocation: null }, { params: { code: MEICUN }, token: staff });
    expect(r.body).toMatchObject({ centreAddress: null, centrePhone: null, centreLocation: null });
    expect((await availability()).centre).toMatchObject({ address: null, phone: null, location: null });
    expect((await t.call(routes.listServiceItems, {}, { params: { code: MEICUN }, token: resident })).body.centre).toMatchObject({ address: null, phone: null, location: null });
  });
});

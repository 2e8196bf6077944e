// The booking abuses of issue 15 / issue 11: through an unverified family member one account must neither learn that
// another family's elder has an active booking (the ALREADY_BOOKED oracle) nor block that family from booking (by
// occupying the one-active-booking-per-person rule). Verified proxies still share the rule for the elder they act for.
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { ALLOWANCE_TEST_ENV, familyOf, registryElder, unverifiedFamilyOf } from './allowance-helpers';
import { at, book, controlClock, serviceItemId } from './booking-helpers';

const NOW = at('2026-09-17', '10:00'); // Thursday; the window is 09-18 .. 10-01

describeEngines('booking for an elder across accounts on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let residence: string;
  let users = 0;
  const user = () => `bkprox-${engine}-${users++}`;
  const codeOf = (r: { status: number; body: { code?: string } }) => [r.status, r.body.code ?? null];

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-proxies', env: { ...ALLOWANCE_TEST_ENV, BOOKING_ACTIVE_LIMIT: '5', BOOKING_CREATE_RATE_LIMIT: '20' } });
    clock = controlClock(t);
    clock.set(NOW);
    residence = await serviceItemId(t);
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => clock.set(NOW));

  it('an unverified account neither learns of nor blocks a verified proxy’s booking, and cannot block it first', async () => {
    const elder = await registryElder(t, '1940-03-15', { name: '刘桂兰' });
    const daughter = await familyOf(t, user(), elder);
    const stranger = await unverifiedFamilyOf(t, user(), elder);
    const real = await book(t, daughter.token, { serviceItemId: residence, date: '2026-09-18', start: '09:00', familyMemberId: daughter.memberId });
    expect(real.status).toBe(201);
    // the stranger's request looks like any first booking: no ALREADY_BOOKED telling her the elder has one
    const probe = await book(t, stranger.token, { serviceItemId: residence, date: '2026-09-21', start: '10:00', familyMemberId: stranger.memberId });
    expect(codeOf(probe)).toEqual([201, null]);
    // her own second one is refused as usual (the rule still holds within her account)
    const again = await book(t, stranger.token, { serviceItemId: residence, date: '2026-09-22', start: '10:00', familyMemberId: stranger.memberId });
    expect(codeOf(again)).toEqual([409, 'ALREADY_BOOKED']);

    // the other order: the stranger books first, then a verified proxy of the same elder is not blocked
    const elder2 = await registryElder(t, '1941-05-02', { name: '陈玉珍' });
    const stranger2 = await unverifiedFamilyOf(t, user(), elder2);
    expect((await book(t, stranger2.token, { serviceItemId: residence, date: '2026-09-18', start: '10:00', familyMemberId: stranger2.memberId })).status).toBe(201);
    const son = await familyOf(t, user(), elder2);
    const sonBooks = await book(t, son.token, { serviceItemId: residence, date: '2026-09-21', start: '09:00', familyMemberId: son.memberId });
    expect(codeOf(sonBooks)).toEqual([201, null]);
  });

  it('two unverified accounts adding the same ID number never see each other’s bookings', async () => {
    const elder = await registryElder(t, '1939-11-20', { name: '赵秀英' });
    const a = await unverifiedFamilyOf(t, user(), elder);
    const b = await unverifiedFamilyOf(t, user(), elder);
    expect((await book(t, a.token, { serviceItemId: residence, date: '2026-09-23', start: '09:00', familyMemberId: a.memberId })).status).toBe(201);
    expect(codeOf(await book(t, b.token, { serviceItemId: residence, date: '2026-09-23', start: '10:00', familyMemberId: b.memberId }))).toEqual([201, null]);
  });

  it('verified proxies of one elder share the rule: the second sees ALREADY_BOOKED (both act for her)', async () => {
    const elder = await registryElder(t, '1938-07-07', { name: '孙凤英' });
    const first = await familyOf(t, user(), elder);
    const second = await familyOf(t, user(), elder);
    expect((await book(t, first.token, { serviceItemId: residence, date: '2026-09-18', start: '15:00', familyMemberId: first.memberId })).status).toBe(201);
    const dup = await book(t, second.token, { serviceItemId: residence, date: '2026-09-21', start: '15:00', familyMemberId: second.memberId });
    expect(codeOf(dup)).toEqual([409, 'ALREADY_BOOKED']);
  });
});

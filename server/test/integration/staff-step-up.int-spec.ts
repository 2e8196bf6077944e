// Issue 15 item 2: staff re-enter their password before a sensitive action (routes marked stepUp in shared), recorded
// on the login in the database with a short lifetime; and the absolute cap of a staff login however often it refreshes.
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { routes, sessionView, stepUpView, type SessionView } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { ACCOUNT, ALLOWANCE_TEST_ENV, apply, familyOf, registryElder } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';

const NOW = at('2026-03-10', '10:00');

describeEngines('staff step-up and the staff login cap on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let applicationId: string;
  const reveal = (token: string, id = applicationId) =>
    t.call(routes.staffRevealAllowanceField, { field: 'account', reason: '核对收款账户' }, { params: { id }, token });
  const staffLogin = async (username: string): Promise<SessionView> =>
    sessionView.parse((await t.call(routes.staffLogin, { username, password: STAFF_PASSWORD })).body);
  const audits = async (staffId: string) =>
    (await t.ds.query("SELECT result FROM identity_audit WHERE action = 'staff.step_up' AND actor_id = ? ORDER BY at", [staffId])).map((r: { result: string }) => r.result);

  beforeAll(async () => {
    t = await startTestApp(engine, {
      name: 'staff-step-up',
      env: { ...ALLOWANCE_TEST_ENV, STAFF_STEP_UP_SECONDS: '300', STAFF_REFRESH_TTL_SECONDS: '3600', STAFF_LOGIN_MAX_SECONDS: '7200' },
    });
    clock = controlClock(t);
    clock.set(NOW);
    const elder = await registryElder(t, '1940-03-01', { name: '王建国' });
    const r = await apply(t, await familyOf(t, `stepup-${engine}`, elder));
    expect(r.status).toBe(201);
    applicationId = r.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => clock.set(NOW));

  it('refuses the full account number without the password re-entered, then shows it for five minutes of that login only', async () => {
    const s = await staffLogin('meicun');
    const first = await reveal(s.token);
    expect([first.status, first.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    expect(JSON.stringify(first.body)).not.toContain(ACCOUNT.number);

    const wrong = await t.call(routes.staffStepUp, { password: 'not-my-password' }, { token: s.token });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'STEP_UP_PASSWORD_WRONG']);
    expect((await reveal(s.token)).body.code).toBe('STEP_UP_REQUIRED');

    const ok = await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: s.token });
    expect(ok.status).toBe(200);
    expect(new Date(stepUpView.parse(ok.body).until).getTime()).toBe(NOW.getTime() + 300_000);
    const shown = await reveal(s.token);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ field: 'account', value: ACCOUNT.number });
    expect((await audits(s.me.id)).sort()).toEqual(['ok', 'refused']); // one refused, one granted (same clock instant)

    // the same staff member's other login (another browser) has not re-entered anything
    const other = await staffLogin('meicun');
    expect((await reveal(other.token)).body.code).toBe('STEP_UP_REQUIRED');

    // it survives a refresh of the login (the H5 console refreshes every two hours) but is not extended by it
    clock.set(new Date(NOW.getTime() + 200_000));
    const next = sessionView.parse((await t.call(routes.refreshSession, { refreshToken: s.refreshToken })).body);
    expect((await reveal(next.token)).status).toBe(200);
    clock.set(new Date(NOW.getTime() + 301_000));
    expect((await reveal(next.token)).body.code).toBe('STEP_UP_REQUIRED');
  });

  it('a staff login ends at its absolute cap however often it is refreshed', async () => {
    let s = await staffLogin('chengnan');
    const capAt = NOW.getTime() + 7200_000;
    for (const minutes of [50, 100]) {
      clock.set(new Date(NOW.getTime() + minutes * 60_000));
      const r = await t.call(routes.refreshSession, { refreshToken: s.refreshToken });
      expect(r.status).toBe(200);
      s = sessionView.parse(r.body);
      expect(new Date(s.refreshExpiresAt!).getTime()).toBeLessThanOrEqual(capAt);
    }
    // 100 minutes in, a sliding 1-hour refresh lifetime would reach 160 minutes: the cap holds it at 120
    expect(new Date(s.refreshExpiresAt!).getTime()).toBe(capAt);
    clock.set(new Date(capAt + 1000));
    const late = await t.call(routes.refreshSession, { refreshToken: s.refreshToken });
    expect([late.status, late.body.code]).toEqual([401, 'SESSION_EXPIRED']);
    // a fresh password login starts a new cap
    const again = await staffLogin('chengnan');
    expect(new Date(again.refreshExpiresAt!).getTime()).toBe(capAt + 1000 + 3600_000);
  });
});

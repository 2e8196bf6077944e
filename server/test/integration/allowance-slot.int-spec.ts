// The elder's one active slot and apply's idempotency key, enforced by the database (issue 11): two submits with the
// same key at the same moment give the same answer; two different keys for the same elder give one 201 and one coded
// 409; a failed check frees the slot for a corrected or another proxy's application, and taking it back while another
// application is active is a 409; the CHECK constraint refuses a status and slot out of step — on SQLite and MariaDB.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { PiiCipher } from '../../src/common/pii-cipher';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { ACCOUNT, ALLOWANCE_TEST_ENV, CONSENT, apply, familyOf, registryElder } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';

describeEngines('the allowance slot and idempotency key on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let users = 0;
  const user = () => `slot-${engine}-${users++}`;
  const applyWithKey = (fam: { token: string; memberId: string }, key: string) =>
    t.call(routes.applyAllowance, { familyMemberId: fam.memberId, consent: CONSENT, account: ACCOUNT, phone: '13800001234', idempotencyKey: key }, { token: fam.token });
  const rowsOf = async (idNumber: string) => {
    const hash = new PiiCipher(t.config).blindIndex('id_number', idNumber);
    return (await t.ds.query('SELECT id, status, active_key FROM allowance_application WHERE elder_id_hash = ? ORDER BY submitted_at, id', [hash])) as { id: string; status: string; active_key: string | null }[];
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'allowance-slot', env: ALLOWANCE_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-03-10', '10:00'));
  }, 240_000); // migrating a fresh MariaDB schema takes over a minute when the machine is loaded
  afterAll(async () => {
    await t?.close();
  });

  it('two submits with the same idempotency key at the same moment: the same status and the same application', async () => {
    for (let round = 0; round < 3; round++) {
      const elder = await registryElder(t, '1941-04-04');
      const fam = await familyOf(t, user(), elder);
      const key = randomUUID();
      const [a, b] = await Promise.all([applyWithKey(fam, key), applyWithKey(fam, key)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).toBe(b.body.id);
      expect((await rowsOf(elder.idNumber)).map((r) => r.id)).toEqual([a.body.id]);
      // a later retry with the key answers the same again
      const again = await applyWithKey(fam, key);
      expect([again.status, again.body.id]).toEqual([201, a.body.id]);
    }
  });

  it('two different keys for the same elder at the same moment: one 201 and one coded 409', async () => {
    const elder = await registryElder(t, '1941-05-05');
    const fam = await familyOf(t, user(), elder);
    const [a, b] = await Promise.all([applyWithKey(fam, randomUUID()), applyWithKey(fam, randomUUID())]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('ALLOWANCE_ALREADY_APPLIED');
    expect(await rowsOf(elder.idNumber)).toHaveLength(1);
  });

  it('a failed check frees the slot: another verified proxy applies; the failed one cannot take the slot back while that is active', async () => {
    // turns 80 in July 2026: in March, before the two months of pre-registration, the age check fails
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1946-07-15');
    const first = await familyOf(t, user(), elder);
    const failed = await apply(t, first);
    expect([failed.status, failed.body.status]).toEqual([201, 'check_failed']);
    expect((await rowsOf(elder.idNumber)).map((r) => [r.status, r.active_key])).toEqual([['check_failed', null]]);
    // in May the month has come: another verified proxy of the same elder is not blocked by the failed one
    clock.set(at('2026-05-10', '10:00'));
    const second = await familyOf(t, user(), elder);
    const ok = await apply(t, second);
    expect([ok.status, ok.body.status]).toEqual([201, 'community_review']);
    // the first family asks again: the elder already has an active application → a coded 409, nothing changed
    const view = await t.call(routes.getAllowanceApplication, {}, { params: { id: failed.body.id }, token: first.token });
    expect(view.body.canResubmit).toBe(true);
    const back = await t.call(routes.resubmitAllowanceApplication, {}, { params: { id: failed.body.id }, token: first.token });
    expect([back.status, back.body.code]).toEqual([409, 'ALLOWANCE_ALREADY_APPLIED']);
    expect((await rowsOf(elder.idNumber)).map((r) => [r.status, r.active_key])).toEqual([['check_failed', null], ['community_review', '1']]);
    // once that one is rejected, the resubmit takes the slot again and passes
    const meicun = await t.loginStaff('meicun');
    const rej = await t.call(routes.staffDecideAllowance, { decision: 'reject', stage: 'community_review', reason: '测试' }, { params: { id: ok.body.id }, token: meicun });
    expect(rej.status).toBe(200);
    const again = await t.call(routes.resubmitAllowanceApplication, {}, { params: { id: failed.body.id }, token: first.token });
    expect([again.status, again.body.status]).toEqual([200, 'community_review']);
    expect((await rowsOf(elder.idNumber)).map((r) => [r.status, r.active_key])).toEqual([['community_review', '1'], ['rejected', null]]);
    clock.set(at('2026-03-10', '10:00'));
  });

  it('the database refuses a status and a slot out of step (CHECK constraint)', async () => {
    const elder = await registryElder(t, '1938-08-08');
    const d = await apply(t, await familyOf(t, user(), elder));
    const [row] = await rowsOf(elder.idNumber);
    expect(row.active_key).toBe('1');
    await expect(t.ds.query("UPDATE allowance_application SET status = 'check_failed' WHERE id = ?", [d.body.id])).rejects.toThrow();
    await expect(t.ds.query("UPDATE allowance_application SET active_key = NULL WHERE id = ?", [d.body.id])).rejects.toThrow();
    // the positive control: both together are accepted
    await t.ds.query("UPDATE allowance_application SET status = 'check_failed', active_key = NULL WHERE id = ?", [d.body.id]);
    expect((await rowsOf(elder.idNumber))[0]).toMatchObject({ status: 'check_failed', active_key: null });
  });
});

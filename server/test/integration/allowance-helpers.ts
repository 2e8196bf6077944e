// helpers for the allowance integration suites (allowance*.int-spec.ts)
import { ALLOWANCE_CONSENT_VERSION, routes } from '@jianban/shared';
import { CivilAffairsRegistry, type RegistryLookup, type RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { aRegistryPerson, anIdNumber, seedRegistry } from '../support/registry';
import type { TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV } from './booking-helpers';

export const ALLOWANCE_TEST_ENV = { ...BOOKING_TEST_ENV, ALLOWANCE_JOB_POLL_SECONDS: '0', ALLOWANCE_RETRY_SECONDS: '60' };
export const CONSENT = { version: ALLOWANCE_CONSENT_VERSION, agreed: true as const, basis: 'proxy_entrusted' as const };
export const ACCOUNT = { kind: 'bank_card' as const, number: '6217000012345678901' };

let seq = 100;
/** a person in the registry (living, hukou in 梅村社区 unless told otherwise) with a fresh valid ID number */
export async function registryElder(t: TestApp, birthDate: string, over: Parameters<typeof aRegistryPerson>[0] extends infer P ? Partial<P> : never = {}) {
  const idNumber = anIdNumber('421003', birthDate, seq++ * 2 + 1);
  const person = aRegistryPerson({ idNumber, name: '张桂英', householdNo: `H-${idNumber.slice(-8)}`, ...over });
  await seedRegistry(t.ds, [person], t.config);
  return person;
}

/** an account added `person` as a family member but is not verified to act for them */
export async function unverifiedFamilyOf(t: TestApp, user: string, person: { name: string; idNumber: string }) {
  const token = await t.loginResident(user);
  const r = await t.call(routes.addFamilyMember, { name: person.name, idNumber: person.idNumber, relationship: 'parent', communityCode: '421003003003' }, { token });
  if (r.status !== 201) throw new Error(`add family member failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { token, memberId: r.body.id as string };
}

/**
 * a verified proxy for `person`: a daughter in the same registry household (户号) passes WeChat's face check on the
 * local peer, and identity verifies her family member through the household match
 */
export async function familyOf(t: TestApp, user: string, person: RegistryPerson) {
  const daughter = aRegistryPerson({ idNumber: anIdNumber('421003', '1968-04-12', seq++ * 2), name: '王丽', sex: 'female', householdNo: person.householdNo });
  await seedRegistry(t.ds, [daughter], t.config);
  const fam = await unverifiedFamilyOf(t, user, person);
  const start = await t.call(routes.startRealNameCheck, { name: daughter.name, idNumber: daughter.idNumber }, { token: fam.token });
  if (start.status !== 201) throw new Error(`real-name start failed: ${start.status} ${JSON.stringify(start.body)}`);
  await t.peerCall('/__peer/face', { verifyId: start.body.verifyId, ret: 10000 });
  const done = await t.call(routes.finishRealNameCheck, {}, { token: fam.token, params: { id: start.body.checkId } });
  if (done.status !== 200) throw new Error(`real-name finish failed: ${done.status} ${JSON.stringify(done.body)}`);
  return fam;
}

export function apply(t: TestApp, fam: { token: string; memberId: string }) {
  return t.call(routes.applyAllowance, { familyMemberId: fam.memberId, consent: CONSENT, account: ACCOUNT, phone: '13800001234' }, { token: fam.token });
}

/** makes the registry answer `unavailable` until restored (the real adapter stays behind it) */
export function registryOutage(t: TestApp) {
  const registry = t.app.app.get(CivilAffairsRegistry);
  const real = registry.lookup.bind(registry);
  registry.lookup = async (): Promise<RegistryLookup> => ({ kind: 'unavailable', reason: 'test outage' });
  return { restore: () => void (registry.lookup = real) };
}

/** the outbox rows of one application, oldest first */
export async function outboxTypes(t: TestApp, applicationId: string): Promise<string[]> {
  const rows = await t.ds.query('SELECT type, created_at FROM notification_event WHERE link_id = ? ORDER BY created_at, id', [applicationId]);
  return (rows as { type: string }[]).map((r) => r.type);
}

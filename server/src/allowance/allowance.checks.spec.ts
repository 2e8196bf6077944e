import { describe, expect, it } from '@jest/globals';
import { checkDigitOf } from '@jianban/shared';
import type { RegistryLookup, RegistryPerson } from '../civil-affairs/civil-affairs.port';
import { evaluateChecks, type CheckInput } from './allowance.checks';

const id = (birth: string, seq = '001') => {
  const first17 = `421003${birth.replace(/-/g, '')}${seq}`;
  return first17 + checkDigitOf(first17);
};
const person = (over: Partial<RegistryPerson> = {}): RegistryPerson => ({
  idNumber: id('1940-03-15'), name: '王建国', sex: 'male', birthDate: '1940-03-15', hukouRegionCode: '421003003003', householdNo: 'H1',
  deathDate: null, movedOutDate: null, ...over,
});
const found = (p: RegistryPerson): RegistryLookup => ({ kind: 'found', person: p, asOf: new Date('2026-03-01T00:00:00Z'), source: 'district-copy' });
const input = (over: Partial<CheckInput> = {}): CheckInput => ({
  idNumber: id('1940-03-15'), elderName: '王建国', today: '2026-03-10', lookup: found(person()), duplicate: false,
  policy: { minAge: 80, ageRule: 'birthday_month', preRegistrationMonths: 2 }, regionName: () => '梅村社区', ...over,
});
const resultOf = (i: CheckInput, kind: string) => evaluateChecks(i).checks.find((c) => c.kind === kind)!;

describe('allowance automatic checks', () => {
  it('passes every check for an eligible elder, each with evidence from the registry', () => {
    const out = evaluateChecks(input());
    expect(out.kind).toBe('passed');
    expect(out.checks.every((c) => c.result === 'passed')).toBe(true);
    expect(resultOf(input(), 'hukou').evidence).toEqual({ source: 'district-copy', asOf: '2026-03-01T00:00:00.000Z', facts: { hukouRegionCode: '421003003003' } });
  });

  it('fails the ID check for a bad check digit', () => {
    const bad = id('1940-03-15').slice(0, 17) + (id('1940-03-15').endsWith('0') ? '1' : '0');
    expect(resultOf(input({ idNumber: bad }), 'id_valid').result).toBe('failed');
  });

  it('fails the duplicate check when another application is active, without saying whose', () => {
    const c = resultOf(input({ duplicate: true }), 'not_duplicate');
    expect(c.result).toBe('failed');
    expect(JSON.stringify(c)).not.toMatch(/account|[0-9a-f]{8}-/);
  });

  it('takes the hukou from the registry code, never from the ID prefix', () => {
    // an old out-of-district prefix with a 荆州区 hukou passes; a 荆州区 prefix with a hukou elsewhere fails
    const old = id('1940-03-15').replace(/^421003/, '420106');
    const first17 = old.slice(0, 17);
    expect(resultOf(input({ idNumber: first17 + checkDigitOf(first17) }), 'hukou').result).toBe('passed');
    expect(resultOf(input({ lookup: found(person({ hukouRegionCode: '420106001001' })) }), 'hukou').result).toBe('failed');
  });

  it('fails alive and moved-out from the registry dates; a death is marked so messages stop', () => {
    const dead = evaluateChecks(input({ lookup: found(person({ deathDate: '2026-01-02' })) }));
    expect(dead).toMatchObject({ kind: 'failed', deceased: true });
    expect(resultOf(input({ lookup: found(person({ movedOutDate: '2025-01-01' })) }), 'not_moved_out').result).toBe('failed');
  });

  it('waits (never fails) when the registry is unavailable', () => {
    const out = evaluateChecks(input({ lookup: { kind: 'unavailable', reason: 'timeout' } }));
    expect(out.kind).toBe('waiting');
    expect(out.checks.some((c) => c.result === 'failed')).toBe(false);
  });

  it('fails the name check for a person the registry does not know', () => {
    const out = evaluateChecks(input({ lookup: { kind: 'not-found', source: 'district-copy' } }));
    expect(out.kind).toBe('failed');
    expect(resultOf(input({ lookup: { kind: 'not-found', source: 'district-copy' } }), 'name_match').result).toBe('failed');
  });

  it('age: the birthday month with pre-registration, and the whole-year rule for a December birthday', () => {
    const born = (d: string) => input({ lookup: found(person({ birthDate: d })) });
    expect(resultOf(born('1946-04-20'), 'age').result).toBe('passed');
    expect(resultOf(born('1946-06-01'), 'age').result).toBe('failed');
    const dec = born('1946-12-20');
    expect(resultOf(dec, 'age').result).toBe('failed');
    expect(resultOf({ ...dec, policy: { ...dec.policy, ageRule: 'calendar_year' } }, 'age').result).toBe('passed');
  });
});

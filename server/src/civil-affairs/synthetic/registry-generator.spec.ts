import { describe, expect, it } from '@jest/globals';
import { ageOn, parseIdNumber } from '@jianban/shared';
import { generateHouseholds, generatePeople, HUKOU_REGION_CODES } from './registry-generator';

const TODAY = '2026-12-01';

describe('the synthetic registry generator', () => {
  it('gives the same people for the same seed, and others for another seed', () => {
    const a = [...generatePeople({ seed: 7, people: 500, today: TODAY })];
    const b = [...generatePeople({ seed: 7, people: 500, today: TODAY })];
    const c = [...generatePeople({ seed: 8, people: 500, today: TODAY })];
    expect(b).toEqual(a);
    expect(c.map((p) => p.idNumber)).not.toEqual(a.map((p) => p.idNumber));
  });

  it('produces exactly the requested number of people with valid, unique ID numbers whose date and sex agree', () => {
    const people = [...generatePeople({ seed: 1, people: 10_000, today: TODAY })];
    expect(people).toHaveLength(10_000);
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(10_000);
    const wrong = people.filter((p) => {
      const parsed = parseIdNumber(p.idNumber, TODAY);
      return !parsed.ok || parsed.id.birthDate !== p.birthDate || parsed.id.gender !== p.sex;
    });
    expect(wrong).toEqual([]);
  });

  it('puts every hukou in a real community or village of 荆州区, whatever the ID prefix (older and other counties too)', () => {
    const people = [...generatePeople({ seed: 2, people: 5000, today: TODAY })];
    const codes = new Set(HUKOU_REGION_CODES);
    expect(people.every((p) => codes.has(p.hukouRegionCode))).toBe(true);
    const prefixes = new Set(people.map((p) => p.idNumber.slice(0, 6)));
    expect(prefixes.has('421003')).toBe(true);
    expect(prefixes.size).toBeGreaterThanOrEqual(5);
    expect(people.filter((p) => p.idNumber.slice(0, 6) !== '421003').length).toBeGreaterThan(500);
  });

  it('meets the requested shares aged 80+, 90+ and 100+ (within sampling error)', () => {
    const n = 30_000;
    const people = [...generatePeople({ seed: 3, people: n, today: TODAY, share80: 0.2, share90: 0.05, share100: 0.004 })];
    const share = (min: number) => people.filter((p) => ageOn(p.birthDate, TODAY) >= min).length / n;
    expect(share(80)).toBeGreaterThan(0.19);
    expect(share(80)).toBeLessThan(0.21);
    expect(share(90)).toBeGreaterThan(0.045);
    expect(share(90)).toBeLessThan(0.055);
    expect(share(100)).toBeGreaterThan(0.003);
    expect(share(100)).toBeLessThan(0.005);
    expect(share(0)).toBe(1);
  });

  it('groups people into households in one community each, with deaths and move-outs in the past two years', () => {
    const households = [...generateHouseholds({ seed: 4, people: 3000, today: TODAY })];
    expect(new Set(households.map((h) => h.householdNo)).size).toBe(households.length);
    for (const h of households) expect(new Set(h.members.map((m) => m.hukouRegionCode)).size).toBe(1);
    const people = households.flatMap((h) => h.members);
    const dead = people.filter((p) => p.deathDate);
    const moved = people.filter((p) => p.movedOutDate);
    expect(dead.length).toBeGreaterThan(0);
    expect(moved.length).toBeGreaterThan(0);
    for (const p of [...dead, ...moved]) {
      const d = (p.deathDate ?? p.movedOutDate)!;
      expect(d < TODAY && d >= '2024-11-30').toBe(true);
      expect(d > p.birthDate).toBe(true);
    }
  });

  it('never hands out a reserved ID number', () => {
    const first = [...generatePeople({ seed: 5, people: 2000, today: TODAY })];
    const reserved = first.slice(0, 100).map((p) => p.idNumber);
    const again = [...generatePeople({ seed: 5, people: 2000, today: TODAY, reserved })];
    const ids = new Set(again.map((p) => p.idNumber));
    expect(reserved.some((id) => ids.has(id))).toBe(false);
  });
});

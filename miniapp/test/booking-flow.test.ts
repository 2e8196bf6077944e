// idempotency key per confirm screen, flow params, staff actions and 一次性告知 parsing
import { describe, expect, it } from '@jest/globals';
import { createBookingInput } from '@jianban/shared';
import { createKeyHolder, newIdempotencyKey } from '../src/features/booking/idempotency';
import { confirmStep, personInput, readFlowParams, SELF } from '../src/features/booking/flow';
import { addDays, flagReasonText, parseMaterials, staffActionsFor } from '../src/features/booking/staff';
import { pageUrl } from '../src/features/booking/pages';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotency key', () => {
  it('is a v4 uuid the contract accepts, also without a crypto global', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(UUID_V4);
    expect(newIdempotencyKey((n) => new Uint8Array(n).fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const parsed = createBookingInput.safeParse({ serviceItemId: key, date: '2026-12-01', start: '09:00', selfName: '王建国', idempotencyKey: key });
    expect(parsed.success).toBe(true);
  });
  it('stays the same for every tap and retry on one screen, and differs between screens', () => {
    const screenA = createKeyHolder();
    const first = screenA.current();
    expect(screenA.current()).toBe(first);
    expect(screenA.current()).toBe(first);
    const screenB = createKeyHolder();
    expect(screenB.current()).not.toBe(first);
    expect(screenA.renew()).not.toBe(first);
  });
});

describe('flow params', () => {
  it('round-trips a self booking with a Chinese name through the URL', () => {
    const url = confirmStep({ item: 'i1', code: '421003003003', who: SELF, name: '王 建国', date: '2026-12-01', start: '09:00' });
    const query = Object.fromEntries(url.split('?')[1].split('&').map((p) => p.split('=')));
    const flow = readFlowParams(query);
    expect(flow).toMatchObject({ item: 'i1', who: SELF, name: '王 建国', date: '2026-12-01', start: '09:00' });
    expect(personInput(flow)).toEqual({ selfName: '王 建国' });
  });
  it('books for a family member by id, and refuses an incomplete choice', () => {
    expect(personInput({ who: 'm1' })).toEqual({ familyMemberId: 'm1' });
    expect(personInput({ who: SELF })).toBeNull();
    expect(personInput({})).toBeNull();
    expect(pageUrl('/p', { a: undefined, b: '', c: 0 })).toBe('/p?c=0');
  });
});

describe('staff', () => {
  const now = new Date('2026-12-01T02:00:00Z');
  it('offers confirm first for a pending case and check-in first for a confirmed one', () => {
    expect(staffActionsFor('pending', '2026-12-01T03:00:00Z', now)[0]).toBe('confirm');
    expect(staffActionsFor('pending', '2026-12-01T03:00:00Z', now)).toContain('reject');
    expect(staffActionsFor('confirmed', '2026-12-01T03:00:00Z', now)[0]).toBe('check_in');
    expect(staffActionsFor('checked_in', '2026-12-01T01:00:00Z', now)[0]).toBe('done');
  });
  it('offers no-show only once the slot has started, and only a note on a closed case', () => {
    expect(staffActionsFor('confirmed', '2026-12-01T03:00:00Z', now)).not.toContain('no_show');
    expect(staffActionsFor('confirmed', '2026-12-01T01:00:00Z', now)).toContain('no_show');
    expect(staffActionsFor('done', '2026-12-01T01:00:00Z', now)).toEqual(['note']);
  });
  it('reads all missing materials at once: one per line or separated by 、, numbered or not, no repeats', () => {
    expect(parseMaterials('1. 户口簿原件\n身份证复印件、 户口簿原件\n\n2、一寸照片；')).toEqual(['户口簿原件', '身份证复印件', '一寸照片']);
    expect(parseMaterials('  \n ')).toEqual([]);
  });
  it('moves across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('says how long a flagged case is overdue', () => {
    expect(flagReasonText('unconfirmed', 135)).toBe('提交后一直没人确认，已超时 2小时15分钟');
    expect(flagReasonText('not_closed', 40)).toBe('时段已过还没办结，已超时 40分钟');
  });
});

import { describe, expect, it } from '@jest/globals';
import { shanghaiDate, shanghaiInstant, shanghaiParts, shanghaiPartsOf } from './shanghai';

describe('the Shanghai clock', () => {
  it('reads an instant as Shanghai local date, time and weekday (UTC+8, across the date line of UTC)', () => {
    const p = shanghaiParts(new Date('2026-12-31T16:30:00Z'));
    expect(p).toEqual({ date: '2027-01-01', time: '00:30', minutes: 30, year: 2027, month: 1, day: 1, hour: 0, minute: 30, weekday: 5 });
    expect(shanghaiParts(new Date('2026-12-06T15:59:00Z')).weekday).toBe(7); // Sunday 23:59
    expect(shanghaiDate(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
  });

  it('turns a Shanghai date and time back into the instant, and round-trips', () => {
    expect(shanghaiInstant('2026-01-01', '07:00').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    const at = shanghaiInstant('2027-02-28', '23:45');
    expect(shanghaiParts(at)).toMatchObject({ date: '2027-02-28', time: '23:45' });
  });

  it('answers null for what is not a time, instead of throwing or inventing one', () => {
    expect(shanghaiPartsOf('not a time')).toBeNull();
    expect(shanghaiPartsOf('')).toBeNull();
    expect(shanghaiPartsOf(null)).toBeNull();
    expect(shanghaiPartsOf('+010000-01-01T00:00:00Z')).toBeNull();
    expect(shanghaiPartsOf('2026-11-27T11:05:00Z')).toMatchObject({ date: '2026-11-27', time: '19:05' });
  });
});

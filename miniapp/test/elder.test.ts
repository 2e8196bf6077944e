import { describe, expect, it } from '@jest/globals';
import { decideElderMode, isLargeSystemFont, parseElderChoice, recheckElderMode } from '../src/features/elder/decide';

describe('长辈模式 decision', () => {
  it('follows WeChat’s font setting when the user has not chosen', () => {
    expect(decideElderMode(null, 17)).toBe(false); // iOS standard
    expect(decideElderMode(null, 16)).toBe(false); // Android standard
    expect(decideElderMode(null, 23.8)).toBe(true); // iOS 关怀模式
    expect(decideElderMode(null, 20)).toBe(true);
    expect(decideElderMode(null, 17.5)).toBe(true);
  });

  it('is off when the setting is missing or junk (H5)', () => {
    expect(decideElderMode(null, undefined)).toBe(false);
    expect(isLargeSystemFont('24')).toBe(false);
    expect(isLargeSystemFont(NaN)).toBe(false);
    expect(isLargeSystemFont(Infinity)).toBe(false);
  });

  it('lets the user’s own choice win both ways', () => {
    expect(decideElderMode(false, 24)).toBe(false);
    expect(decideElderMode(true, 16)).toBe(true);
    expect(decideElderMode(true, undefined)).toBe(true);
  });

  it('reads the stored choice', () => {
    expect(parseElderChoice('1')).toBe(true);
    expect(parseElderChoice('0')).toBe(false);
    expect(parseElderChoice('')).toBeNull();
    expect(parseElderChoice(undefined)).toBeNull();
    expect(parseElderChoice('yes')).toBeNull();
  });

  it('re-checks on app show: follows the font setting, keeps an explicit choice and an unreadable setting', () => {
    expect(recheckElderMode(null, 23.8, false)).toBe(true); // WeChat switched to 关怀模式 meanwhile
    expect(recheckElderMode(null, 17, true)).toBe(false); // back to the standard size
    expect(recheckElderMode(false, 24, false)).toBe(false); // the user turned it off themselves
    expect(recheckElderMode(true, 16, true)).toBe(true);
    expect(recheckElderMode(null, undefined, true)).toBe(true); // H5 / API failed: no change
    expect(recheckElderMode(null, NaN, false)).toBe(false);
  });
});

import { expect, it } from '@jest/globals';
import { centrePhone, updateBookingSettingsInput } from './booking.schema';

// issue 14 item 2: the centre's address, phone and map position, edited by community staff

it('accepts landlines with an area code and 11-digit mobiles, tidying spaces and dashes', () => {
  expect(centrePhone.parse('0716-1234567')).toBe('0716-1234567');
  expect(centrePhone.parse('0716 123 4567')).toBe('0716-1234567');
  expect(centrePhone.parse('07161234567')).toBe('0716-1234567');
  expect(centrePhone.parse('010-12345678')).toBe('010-12345678');
  expect(centrePhone.parse('0716-1234567-802')).toBe('0716-1234567-802');
  expect(centrePhone.parse('138 0000 1234')).toBe('13800001234');
  expect(centrePhone.parse('１３８００００１２３４')).toBe('13800001234'); // full-width digits fold (NFKC)
});

it('refuses phones that are not a Chinese landline or mobile', () => {
  for (const bad of ['1234567', '12800001234', '1380000123', '138000012345', '716-1234567', '0716-123456', 'tel:0716-1234567', '0716-12345x7', '', '110']) {
    expect([bad, centrePhone.safeParse(bad).success]).toEqual([bad, false]);
  }
  const r = updateBookingSettingsInput.safeParse({ centrePhone: '12345' });
  expect(r.success).toBe(false);
  expect(r.error?.issues[0].path).toEqual(['centrePhone']);
  expect(r.error?.issues[0].message).toMatch(/区号/);
});

it('refuses coordinates outside mainland China or given one without the other', () => {
  expect(updateBookingSettingsInput.safeParse({ centreLocation: { latitude: 30.35, longitude: 112.19 } }).success).toBe(true);
  for (const bad of [{ latitude: 91, longitude: 112 }, { latitude: -30, longitude: 112 }, { latitude: 30, longitude: 181 }, { latitude: 30, longitude: 12 }, { latitude: 30 }, { longitude: 112 }, { latitude: '30', longitude: 112 }, { latitude: 30, longitude: 112, name: 'x' }]) {
    expect([bad, updateBookingSettingsInput.safeParse({ centreLocation: bad }).success]).toEqual([bad, false]);
  }
  // swapped (longitude as latitude) is out of range too
  expect(updateBookingSettingsInput.safeParse({ centreLocation: { latitude: 112.19, longitude: 30.35 } }).success).toBe(false);
  expect(updateBookingSettingsInput.parse({ centreLocation: null }).centreLocation).toBeNull();
});

it('refuses invisible characters in the address and phone, and folds full-width letters and digits', () => {
  for (const mark of ['\u202e', '\u200b', '\ufeff', '\u0000']) {
    expect(updateBookingSettingsInput.safeParse({ centreAddress: `荆州区${mark}某路 1 号` }).success).toBe(false);
    expect(updateBookingSettingsInput.safeParse({ centrePhone: `0716-${mark}1234567` }).success).toBe(false);
  }
  expect(updateBookingSettingsInput.parse({ centreAddress: '  某路１２号（党群服务中心）  ' }).centreAddress).toBe('某路12号（党群服务中心）');
  expect(updateBookingSettingsInput.safeParse({ centreAddress: '' }).success).toBe(false);
  expect(updateBookingSettingsInput.safeParse({ centreAddress: '<b>某路</b>' }).success).toBe(false);
  expect(updateBookingSettingsInput.safeParse({ centreAddress: '某'.repeat(101) }).success).toBe(false);
  expect(updateBookingSettingsInput.parse({ centreAddress: null, centrePhone: null }).centrePhone).toBeNull();
});

// the centre's address, hours, phone and map position as residents read them (issue 14 item 2)
import { expect, it } from '@jest/globals';
import { dialNumber, openingHoursLines, webMapUrl } from '../src/features/booking/centre';

const workday = [
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '17:30' },
];

it('says the opening hours in words, grouping weekdays with the same hours', () => {
  expect(openingHoursLines([1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: workday })))).toEqual([
    '周一到周五 08:30–12:00、14:30–17:30',
    '周六、周日不开门',
    '法定节假日不开门',
  ]);
  const mixed = [
    ...[1, 2, 3].map((weekday) => ({ weekday, periods: workday })),
    { weekday: 4, periods: [{ start: '08:30', end: '12:00' }] },
    { weekday: 5, periods: workday },
    { weekday: 6, periods: [{ start: '09:00', end: '11:00' }] },
  ];
  expect(openingHoursLines(mixed)).toEqual(['周一到周三 08:30–12:00、14:30–17:30', '周四 08:30–12:00', '周五 08:30–12:00、14:30–17:30', '周六 09:00–11:00', '周日不开门', '法定节假日不开门']);
  expect(openingHoursLines([])).toEqual(['社区还没有填写开放时间，请打电话问']);
});

it('builds the 高德 marker link with longitude first', () => {
  const url = webMapUrl({ latitude: 30.352817, longitude: 112.190436 }, '梅村社区党群服务中心');
  expect(url.startsWith('https://uri.amap.com/marker?position=112.190436,30.352817&')).toBe(true);
  const q = new URL(url).searchParams;
  expect(q.get('name')).toBe('梅村社区党群服务中心');
  expect(q.get('coordinate')).toBe('gaode');
});

it('dials a landline with its area code and without the extension, a mobile as it is', () => {
  expect(dialNumber('0716-1234567')).toBe('07161234567');
  expect(dialNumber('0716-1234567-802')).toBe('07161234567');
  expect(dialNumber('13800001234')).toBe('13800001234');
});

// the community centre's address, hours, phone and map position as residents read them. Pure (tested without Taro).
import type { CentreView } from '@jianban/shared';
import { WEEKDAY_TEXT } from './format';

export const NO_ADDRESS_TEXT = '社区还没有填写地址，可以打电话问';
export const NO_ADDRESS_NO_PHONE_TEXT = '社区还没有填写地址';
export const NO_PHONE_TEXT = '社区还没有填写电话';

const periodsText = (periods: readonly { start: string; end: string }[]) => periods.map((p) => `${p.start}–${p.end}`).join('、');

/** consecutive weekdays with the same hours as one line: ['周一到周五 08:30–12:00、14:30–17:30', '周六、周日不开门', '法定节假日不开门'] */
export function openingHoursLines(openingHours: CentreView['openingHours']): string[] {
  const hoursOf = (wd: number) => periodsText(openingHours.find((d) => d.weekday === wd)?.periods ?? []);
  const runs: { from: number; to: number; hours: string }[] = [];
  for (let wd = 1; wd <= 7; wd++) {
    const h = hoursOf(wd);
    const last = runs.at(-1);
    if (last && last.hours === h && last.to === wd - 1) last.to = wd;
    else runs.push({ from: wd, to: wd, hours: h });
  }
  const days = (r: { from: number; to: number }) =>
    r.from === r.to ? WEEKDAY_TEXT[r.from] : r.to === r.from + 1 ? `${WEEKDAY_TEXT[r.from]}、${WEEKDAY_TEXT[r.to]}` : `${WEEKDAY_TEXT[r.from]}到${WEEKDAY_TEXT[r.to]}`;
  const open = runs.filter((r) => r.hours).map((r) => `${days(r)} ${r.hours}`);
  const closed = runs.filter((r) => !r.hours).map(days);
  if (!open.length) return ['社区还没有填写开放时间，请打电话问'];
  return [...open, ...(closed.length ? [`${closed.join('、')}不开门`] : []), '法定节假日不开门'];
}

/** the H5 map link: 高德 URI API single marker (position=lon,lat; GCJ-02 is its default coordinate system) */
export function webMapUrl(location: NonNullable<CentreView['location']>, name: string): string {
  const q = new URLSearchParams({ position: `${location.longitude},${location.latitude}`, name, coordinate: 'gaode', callnative: '0', src: 'jianban' });
  return `https://uri.amap.com/marker?${q.toString().replace(/%2C/g, ',')}`;
}

/** the number to dial: digits only for a mobile, area code + number (extension dropped) for a landline */
export function dialNumber(phone: string): string {
  const [area, number] = phone.split('-');
  return number ? `${area}${number}` : phone;
}

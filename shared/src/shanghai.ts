// The one Shanghai clock of the product (server and mini-program). Every civil date and time the product shows or
// stores is Asia/Shanghai. China has had no daylight saving since 1991, so Asia/Shanghai is a fixed UTC+8 — written
// here once; nothing else adds eight hours.

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export interface ShanghaiParts {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:mm' */
  time: string;
  /** minutes since local midnight */
  minutes: number;
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** the Shanghai local date and time of an instant (the instant must be a valid Date) */
export function shanghaiParts(at: Date): ShanghaiParts {
  const t = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const hour = t.getUTCHours();
  const minute = t.getUTCMinutes();
  const w = t.getUTCDay();
  return {
    date: t.toISOString().slice(0, 10),
    time: `${pad(hour)}:${pad(minute)}`,
    minutes: hour * 60 + minute,
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour,
    minute,
    weekday: w === 0 ? 7 : w,
  };
}

/** the same for an ISO timestamp (or anything Date can read); null when it is not a time or outside years 1000–9999 */
export function shanghaiPartsOf(iso: string | number | Date | null | undefined): ShanghaiParts | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const t = new Date(iso).getTime();
  if (!Number.isFinite(t)) return null;
  const parts = shanghaiParts(new Date(t));
  return parts.year < 1000 || parts.year > 9999 ? null : parts;
}

/** today's (or an instant's) Shanghai civil date, 'YYYY-MM-DD' */
export function shanghaiDate(at: Date): string {
  return shanghaiParts(at).date;
}

/** the UTC instant of a Shanghai local date ('YYYY-MM-DD') and time ('HH:mm') */
export function shanghaiInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return new Date(Date.UTC(y, m - 1, d) + minutes * 60_000 - SHANGHAI_OFFSET_MS);
}

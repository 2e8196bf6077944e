import { checkDigitOf } from '@jianban/shared';
import { REGION_SEED } from '../../database/seed/regions';
import type { RegistryPerson } from '../civil-affairs.port';

// a synthetic civil-affairs registry for demos, tests and benchmarks: households with plausible Chinese names, valid ID
// numbers (check digits, birth dates; prefixes of this district, of older and of other counties — the hukou comes only
// from the region code), hukou in the district's real communities and villages, deaths and move-outs over the last years.
// Seeded: the same options give the same people, in the same order. Entirely made up: no real person's data.
export interface GeneratorOptions {
  seed: number;
  /** number of people */
  people: number;
  /** YYYY-MM-DD: ages, deaths and move-outs are relative to it */
  today: string;
  /** share of people aged 80 and over, 90 and over, 100 and over (each includes the next) */
  share80?: number;
  share90?: number;
  share100?: number;
  /** share of people who died / moved their hukou out within the last two years (default: by age, about 1.5 % / 0.5 %) */
  deathShare?: number;
  moveOutShare?: number;
  /** ID numbers the generator must not hand out (the demo family's, fixtures') */
  reserved?: readonly string[];
}

// 荆州区's pyramid is older than the national one: defaults close to the 2020 census for Hubei's cities
export const DEFAULT_SHARES = { share80: 0.03, share90: 0.004, share100: 0.0002 } as const;

// people per five-year band 0–79 (relative weights, 2020 census shape)
const BAND_WEIGHTS = [4.6, 5.6, 5.4, 4.8, 4.7, 5.9, 8.0, 6.9, 6.6, 8.4, 8.8, 7.4, 6.0, 5.6, 3.9, 2.6];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹熊秦江尹雷龚万严覃向汤'.split('');
const GIVEN = {
  male: [
    ['建国', '国庆', '德明', '志强', '保国', '卫东', '振华', '家福', '长林', '树森', '明山', '金山', '德胜', '春生', '永华', '光明', '正清', '学文', '友良', '发顺'],
    ['伟', '勇', '军', '强', '磊', '斌', '涛', '超', '明', '刚', '平', '辉', '鹏', '华', '杰', '建华', '海波', '红军', '志刚', '小兵'],
    ['浩然', '子轩', '宇轩', '俊杰', '宇航', '博文', '天佑', '思远', '子豪', '梓睿', '皓宇', '一鸣'],
  ],
  female: [
    ['秀英', '桂英', '玉兰', '秀兰', '凤英', '桂兰', '淑珍', '玉梅', '翠花', '春兰', '素珍', '金凤', '菊香', '冬梅', '秀珍', '桂香'],
    ['丽', '静', '敏', '燕', '艳', '娟', '霞', '芳', '红', '玲', '丽华', '晓燕', '海燕', '春艳', '小红', '丽君'],
    ['欣怡', '梓涵', '诗涵', '雨桐', '紫萱', '佳怡', '可馨', '一诺', '思琪', '梦瑶', '雨欣', '子涵'],
  ],
} as const;

// ID-number prefixes: the district's own, the 荆州地区 / 江陵县 codes people registered before 1994 carry, and
// neighbouring or distant counties of people who moved their hukou here
const PREFIX_OLD = [['422421', 45], ['421003', 20], ['421002', 12], ['421024', 8], ['421022', 5], ['420106', 4], ['429004', 3], ['430102', 3]] as const;
const PREFIX_YOUNG = [['421003', 78], ['421002', 8], ['421024', 5], ['420106', 4], ['429004', 3], ['440305', 2]] as const;
const HOUSEHOLD_SIZES = [[1, 24], [2, 34], [3, 20], [4, 13], [5, 9]] as const;

export const HUKOU_REGION_CODES: readonly string[] = REGION_SEED.filter((r) => r.level === 'community').map((r) => r.code);

/** mulberry32: small, fast, good enough for synthetic data, and the same on every platform */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const DAY_MS = 86_400_000;

// YYYY-MM-DD of `daysAgo` days before `today`, memoized (a few tens of thousands of distinct days)
class Days {
  private readonly base: number;
  private readonly cache: string[] = [];
  constructor(today: string) {
    this.base = Date.parse(`${today}T00:00:00Z`);
  }
  ago(daysAgo: number): string {
    return (this.cache[daysAgo] ??= new Date(this.base - daysAgo * DAY_MS).toISOString().slice(0, 10));
  }
}

export interface GeneratedHousehold {
  householdNo: string;
  members: RegistryPerson[];
}

/** the generator: households one at a time (a million people never sit in memory at once) */
export function* generateHouseholds(opts: GeneratorOptions): Generator<GeneratedHousehold> {
  const rand = prng(opts.seed);
  const share80 = opts.share80 ?? DEFAULT_SHARES.share80;
  const share90 = Math.min(opts.share90 ?? DEFAULT_SHARES.share90, share80);
  const share100 = Math.min(opts.share100 ?? DEFAULT_SHARES.share100, share90);
  const ageBands: [[number, number], number][] = BAND_WEIGHTS.map((w, i) => [[i * 5, i * 5 + 4], (w / BAND_WEIGHTS.reduce((s, x) => s + x, 0)) * (1 - share80)]);
  ageBands.push([[80, 89], share80 - share90], [[90, 99], share90 - share100], [[100, 106], share100]);
  const taken: Taken = { used: new Map(), reserved: new Set((opts.reserved ?? []).map((id) => id.slice(0, 17))), days: new Days(opts.today) };
  let made = 0;
  let householdSeq = 0;
  while (made < opts.people) {
    const region = pick(rand, HUKOU_REGION_CODES);
    const householdNo = `${region.slice(6)}${String(++householdSeq).padStart(7, '0')}`;
    const size = Math.min(weighted(rand, HOUSEHOLD_SIZES), opts.people - made);
    const surname = pick(rand, SURNAMES);
    const members: RegistryPerson[] = [];
    for (let i = 0; i < size; i++) {
      const [lo, hi] = weighted(rand, ageBands);
      const age = lo + Math.floor(rand() * (hi - lo + 1));
      // the head and the children carry the household's surname; a spouse (the second member) often another
      const ownSurname = i === 1 && rand() < 0.8 ? pick(rand, SURNAMES) : surname;
      members.push(person(rand, taken, { opts, age, surname: ownSurname, region, householdNo }));
    }
    made += size;
    yield { householdNo, members };
  }
}

function person(
  rand: () => number,
  taken: Taken,
  p: { opts: GeneratorOptions; age: number; surname: string; region: string; householdNo: string },
): RegistryPerson {
  const sex = rand() < 0.5 ? 'male' : 'female';
  const daysAgo = Math.floor(p.age * 365.25 + rand() * 365) + 1;
  const birthDate = taken.days.ago(daysAgo);
  const born = Number(birthDate.slice(0, 4));
  const first17 = freeNumber(taken, { prefix: weighted(rand, born < 1994 ? PREFIX_OLD : PREFIX_YOUNG), daysAgo, birthDate, sex });
  const generation = born < 1960 ? 0 : born < 1990 ? 1 : 2;
  const given = pick(rand, GIVEN[sex][generation]);
  const deathShare = p.opts.deathShare ?? (p.age >= 90 ? 0.25 : p.age >= 80 ? 0.1 : p.age >= 60 ? 0.02 : 0.002);
  const moveOutShare = p.opts.moveOutShare ?? 0.005;
  const within2y = () => taken.days.ago(1 + Math.floor(rand() * Math.min(730, daysAgo - 1)));
  const deathDate = rand() < deathShare ? within2y() : null;
  const movedOutDate = !deathDate && rand() < moveOutShare ? within2y() : null;
  return {
    idNumber: first17 + checkDigitOf(first17), name: p.surname + given, sex, birthDate, hukouRegionCode: p.region,
    householdNo: p.householdNo, deathDate, movedOutDate,
  };
}

const ALL_PREFIXES = [...new Set([...PREFIX_OLD, ...PREFIX_YOUNG].map(([p]) => p as string))];
const PREFIX_INDEX = new Map(ALL_PREFIXES.map((p, i) => [p, i]));

// sequence 001–998: odd for men, even for women (GB 11643); past 499 people of one sex born on one day under one
// prefix, the next prefix; reserved numbers are skipped
interface Taken {
  /** people numbered so far per (birth day, prefix, sex) */
  used: Map<number, number>;
  reserved: ReadonlySet<string>;
  days: Days;
}

function freeNumber(taken: Taken, b: { prefix: string; daysAgo: number; birthDate: string; sex: 'male' | 'female' }): string {
  const ymd = b.birthDate.slice(0, 4) + b.birthDate.slice(5, 7) + b.birthDate.slice(8, 10);
  const odd = b.sex === 'male' ? 1 : 2;
  for (const candidate of [b.prefix, ...ALL_PREFIXES]) {
    const key = (b.daysAgo * 32 + PREFIX_INDEX.get(candidate)!) * 2 + odd - 1;
    for (let n = taken.used.get(key) ?? 0; n < 499; n++) {
      const first17 = `${candidate}${ymd}${String(2 * n + odd).padStart(3, '0')}`;
      taken.used.set(key, n + 1);
      if (taken.reserved.size === 0 || !taken.reserved.has(first17)) return first17;
    }
  }
  throw new Error(`more than ${499 * ALL_PREFIXES.length} people of one sex born on ${b.birthDate}`);
}

/** every person of a generated registry, in order */
export function* generatePeople(opts: GeneratorOptions): Generator<RegistryPerson> {
  for (const h of generateHouseholds(opts)) yield* h.members;
}

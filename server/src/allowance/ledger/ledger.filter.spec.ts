import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { BracketChangeRule } from '@jianban/shared';
import { classify, type RecipientFacts } from './ledger.rules';
import { mayChangeSql } from './ledger.reverify';

// The re-verification lets only the rows that can have a finding leave the database (mayChangeSql). That is only
// right if the condition holds for EVERY row `classify` has a finding for: checked here over every combination of
// the facts that matter, on a real (in-memory) SQLite with the columns of the classify join.
const BRACKETS = [
  { minAge: 80, maxAge: 89, monthlyCny: 50 },
  { minAge: 90, maxAge: 99, monthlyCny: 100 },
  { minAge: 100, maxAge: null, monthlyCny: 500 },
];

function* factsToTry(): Generator<RecipientFacts> {
  const statuses: [RecipientFacts['status'], string | null][] = [['active', null], ['suspended', 'died'], ['stopped', 'moved_out'], ['stopped', 'consent_withdrawn']];
  // birthdays around the 80th, 90th and 100th birthday of each month tried (and ordinary ones)
  const births = ['1946-01-15', '1945-12-31', '1936-01-01', '1935-12-15', '1926-01-20', '1925-12-10', '1936-02-29', '1926-02-28', '1940-07-04', '1930-06-30', '1936-06-15', '1926-05-31'];
  for (const [status, statusReason] of statuses)
    for (const birthDate of births)
      for (const found of [true, false])
        for (const hukou of found ? ['421003003003', '420100000000', null] : [null])
          for (const death of [null, '2026-05-31'])
            for (const moved of [null, '2026-05-10'])
              for (const withdrawn of [null, '2026-04-02'])
                for (const registryName of found ? ['王建国', '王建国 ', '李四'] : [null])
                  yield { status, statusReason, birthDate, unavailable: false, found, registryName, recipientName: '王建国', hukouRegionCode: hukou, deathDate: death, movedOutDate: moved, consentWithdrawnOn: withdrawn };
}

describe('the classify pre-filter (mayChangeSql)', () => {
  it.each([
    ['2026-06', 'birthday_month'],
    ['2026-01', 'birthday_month'],
    ['2026-01', 'month_after'],
    ['2026-02', 'month_after'],
    ['2026-07', 'month_after'],
  ] as [string, BracketChangeRule][])('lets through every recipient classify has a finding for (%s, %s) and keeps the unchanged ones back', async (month, rule) => {
    const db = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    for (const t of ['CREATE TABLE r (id INTEGER PRIMARY KEY, status TEXT, elder_name TEXT, elder_birth_date TEXT)', 'CREATE TABLE c (id INTEGER PRIMARY KEY, withdrawn_at TEXT)',
      'CREATE TABLE p (id INTEGER PRIMARY KEY, id_number_hash TEXT, name TEXT, hukou_region_code TEXT)', 'CREATE TABLE d (id INTEGER PRIMARY KEY, id_number_hash TEXT)', 'CREATE TABLE mo (id INTEGER PRIMARY KEY, id_number_hash TEXT)']) {
      await db.query(t);
    }
    const all = [...factsToTry()];
    await db.transaction(async (m) => {
      for (const [id, f] of all.entries()) {
        await m.query('INSERT INTO r VALUES (?, ?, ?, ?)', [id, f.status, f.recipientName, f.birthDate]);
        if (f.consentWithdrawnOn) await m.query('INSERT INTO c VALUES (?, ?)', [id, `${f.consentWithdrawnOn} 02:00:00.000`]);
        if (f.found) await m.query('INSERT INTO p VALUES (?, ?, ?, ?)', [id, `h${id}`, f.registryName, f.hukouRegionCode]);
        if (f.deathDate) await m.query('INSERT INTO d VALUES (?, ?)', [id, `h${id}`]);
        if (f.movedOutDate) await m.query('INSERT INTO mo VALUES (?, ?)', [id, `h${id}`]);
      }
    });
    const cond = mayChangeSql('sqlite', month, rule, BRACKETS);
    const passed = new Set(
      ((await db.query(`SELECT r.id FROM r LEFT JOIN c ON c.id = r.id LEFT JOIN p ON p.id = r.id LEFT JOIN d ON d.id = r.id LEFT JOIN mo ON mo.id = r.id WHERE ${cond.sql}`, cond.params)) as { id: number }[]).map((x) => x.id),
    );
    const withFinding = all.map((f, id) => ({ id, n: classify(f, month, rule, BRACKETS).length })).filter((x) => x.n > 0).map((x) => x.id);
    expect(withFinding.length).toBeGreaterThan(1000);
    expect(withFinding.filter((id) => !passed.has(id))).toEqual([]);
    // and it does filter: an active recipient the registry agrees with, not at a bracket's birthday, stays in the database
    const quiet = all.findIndex((f) => f.status === 'active' && f.found && f.hukouRegionCode === '421003003003' && !f.deathDate && !f.movedOutDate && !f.consentWithdrawnOn && f.registryName === '王建国' && f.birthDate === '1940-07-04');
    expect(classify(all[quiet], month, rule, BRACKETS)).toEqual([]);
    expect(passed.has(quiet)).toBe(false);
    await db.destroy();
  });
});

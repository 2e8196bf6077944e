// The 免申即享 candidate pass (issue 12, item 4), on SQLite and MariaDB: with ranges of about 100 people
// (LEDGER_CHUNK_ROWS=10), a registry of several ranges — people too young, outside the district, dead, moved out,
// already recipients — gives exactly the people of age who are none of those, and a second pass adds nothing.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { LedgerReverify } from '../../src/allowance/ledger/ledger.reverify';
import { PiiCipher } from '../../src/common/pii-cipher';
import type { RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { describeEngines } from '../support/describe-engines';
import { aRegistryPerson, anIdNumber, seedRegistry } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { LEDGER_TEST_ENV } from './ledger-helpers';

const MEICUN = '421003003003';

describeEngines('the 免申即享 candidate pass on %s', (engine) => {
  let t: TestApp;
  const expected = new Set<string>();
  const people: RegistryPerson[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'ledger-candidates', env: { ...LEDGER_TEST_ENV, LEDGER_CHUNK_ROWS: '10' } });
    const cipher = t.app.app.get(PiiCipher);
    let seq = 0;
    const add = (birthDate: string, over: Partial<RegistryPerson>, candidate: boolean) => {
      const idNumber = anIdNumber(over.hukouRegionCode?.slice(0, 6) ?? '421003', birthDate, (seq++ % 900) + 1);
      people.push(aRegistryPerson({ idNumber, birthDate, ...over }));
      if (candidate) expected.add(cipher.blindIndex('id_number', idNumber));
      return idNumber;
    };
    for (let i = 0; i < 150; i++) add('1930-01-01', {}, true);
    // 240 over fifteen years, a few on each day
    for (let i = 0; i < 240; i++) add(`${1931 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, {}, true);
    for (let i = 0; i < 60; i++) add(`19${70 + (i % 20)}-05-05`, {}, false); // too young
    for (let i = 0; i < 20; i++) add('1935-03-03', { hukouRegionCode: '420106001001' }, false); // outside the district
    for (let i = 0; i < 10; i++) add('1936-04-04', { deathDate: '2026-03-01' }, false);
    for (let i = 0; i < 10; i++) add('1937-05-05', { movedOutDate: '2026-02-01' }, false);
    const recipients = Array.from({ length: 15 }, () => add('1938-06-06', {}, false));
    await seedRegistry(t.ds, people, t.config);
    const stamp = '2026-01-01 00:00:00.000';
    for (const [i, id] of recipients.entries()) {
      await t.ds.query(
        `INSERT INTO allowance_recipient (id, elder_id_hash, elder_id_enc, elder_id_masked, elder_name, elder_birth_date, community_code, street_code, source, account_kind, account_enc, account_last4, first_paid_month, status, flagged, created_at, updated_at)
         VALUES (?, ?, ?, '421003**********', '测试', '1938-06-06', ?, '421003003000', 'payment_roll', 'bank_card', ?, '0000', '2026-01', 'active', 0, ?, ?)`,
        [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, cipher.blindIndex('id_number', id), cipher.encrypt(id), MEICUN, cipher.encrypt('6217000000000000000'), stamp, stamp],
      );
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists exactly the people of age who are not recipients, dead, moved out or outside the district; a second pass adds none', async () => {
    const pass = t.app.app.get(LedgerReverify);
    expect(await pass.findCandidates('2026-05')).toBe(expected.size);
    const listed = (await t.ds.query('SELECT elder_id_hash AS h FROM allowance_candidate')) as { h: string }[];
    expect(listed.length).toBe(expected.size);
    expect(new Set(listed.map((r) => r.h))).toEqual(expected);
    expect(await pass.findCandidates('2026-05')).toBe(0);
    expect(Number(((await t.ds.query('SELECT COUNT(*) AS n FROM allowance_candidate')) as { n: number }[])[0].n)).toBe(expected.size);
  });
});

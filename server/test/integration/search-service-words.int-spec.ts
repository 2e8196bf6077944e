import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { errorBody, routes, searchResultView, serviceWordsHistoryView, serviceWordsList, serviceWordsView } from '@jianban/shared';
import { seedReference } from '../../src/database/seed/seed';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

// issue 13: the words that lead a search to a service are data staff edit — the district admin, versioned with who,
// when and why, each word with its source — and a resident's search follows the edit at once
describeEngines('search service words on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let meicun: string;

  const topOf = async (q: string) => {
    const r = await t.call(routes.catalogSearch, { q });
    expect(r.status).toBe(200);
    const first = searchResultView.parse(r.body).results[0];
    return first ? (first.kind === 'service' ? `service:${first.service.id}` : first.item.code) : null;
  };
  const allowance = async (token: string) => serviceWordsList.parse((await t.call(routes.searchServiceWords, {}, { token })).body).services.find((s) => s.service === 'allowance')!;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'service-words', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_INDEX_CHECK_MS: '60000' } });
    admin = await t.loginStaff('district');
    meicun = await t.loginStaff('meicun');
  });
  afterAll(async () => t?.close());

  it('lists every service with its seeded words (version 1, no editor), and re-seeding changes nothing', async () => {
    const list = serviceWordsList.parse((await t.call(routes.searchServiceWords, {}, { token: meicun })).body);
    expect(list.services.map((s) => s.service).sort()).toEqual(['allowance', 'booking', 'demand-report', 'work-lists']);
    const a = list.services.find((s) => s.service === 'allowance')!;
    expect(a.title).toBe('高龄津贴');
    expect(a.version).toBe(1);
    expect(a.updatedBy).toBeNull();
    expect(a.words).toContainEqual({ word: '老人补贴', kind: 'name', source: null });
    await seedReference(t.ds);
    expect((await allowance(meicun)).version).toBe(1);
  });

  it('a district admin adds a word: a new version, the search follows at once, the history says who added what and why', async () => {
    const word = '养老钱咋领';
    expect(await topOf('俺妈的养老钱咋领')).not.toBe('service:allowance');
    const before = await allowance(admin);
    const words = [...before.words, { word, kind: 'name' as const, source: '居民来电记录' }];
    const r = await t.call(routes.updateSearchServiceWords, { baseVersion: before.version, words, changeNote: '居民常这样问' }, { token: admin, params: { service: 'allowance' } });
    expect(r.status).toBe(200);
    const saved = serviceWordsView.parse(r.body);
    expect(saved.version).toBe(before.version + 1);
    expect(saved.updatedBy?.role).toBe('district_admin');
    expect(saved.words).toContainEqual({ word, kind: 'name', source: '居民来电记录' });
    expect(await topOf('俺妈的养老钱咋领')).toBe('service:allowance');

    const h = serviceWordsHistoryView.parse((await t.call(routes.searchServiceWordsHistory, {}, { token: meicun, params: { service: 'allowance' } })).body);
    expect(h.currentVersion).toBe(saved.version);
    expect(h.versions[0]).toMatchObject({ version: saved.version, changeNote: '居民常这样问', added: [word], removed: [] });
    expect(h.versions[0].editedBy?.role).toBe('district_admin');
    expect(h.versions.at(-1)).toMatchObject({ version: 1, editedBy: null, added: [] });
  });

  it('refuses community staff, a stale version, duplicate words and a change that changes nothing — and writes nothing', async () => {
    const cur = await allowance(admin);
    const call = (token: string, body: { baseVersion: number; words: typeof cur.words; changeNote: string }) => t.call(routes.updateSearchServiceWords, body, { token, params: { service: 'allowance' } });
    const fewer = cur.words.slice(1);
    const staffTry = await call(meicun, { baseVersion: cur.version, words: fewer, changeNote: 'x' });
    expect(staffTry.status).toBe(403);
    const stale = await call(admin, { baseVersion: cur.version - 1, words: fewer, changeNote: 'x' });
    expect([stale.status, errorBody.parse(stale.body).code]).toEqual([409, 'CATALOG_VERSION_CONFLICT']);
    const dup = await call(admin, { baseVersion: cur.version, words: [...cur.words, cur.words[0]], changeNote: 'x' });
    expect([dup.status, errorBody.parse(dup.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    const same = await call(admin, { baseVersion: cur.version, words: cur.words, changeNote: 'x' });
    expect([same.status, errorBody.parse(same.body).code]).toEqual([400, 'CATALOG_PROPOSAL_EMPTY']);
    const unknown = await t.call(routes.updateSearchServiceWords, { baseVersion: 1, words: fewer, changeNote: 'x' }, { token: admin, params: { service: 'nope' as 'allowance' } });
    expect(unknown.status).toBe(400);
    const after = await allowance(admin);
    expect([after.version, after.words]).toEqual([cur.version, cur.words]);
    const versions = await t.ds.query("SELECT COUNT(*) AS n FROM catalog_service_words_version WHERE service_id = 'allowance'");
    expect(Number(versions[0].n)).toBe(cur.version);
  });

  it('a removed word no longer leads to the service', async () => {
    const cur = await allowance(admin);
    const words = cur.words.filter((w) => w.word !== '养老钱咋领');
    const r = await t.call(routes.updateSearchServiceWords, { baseVersion: cur.version, words, changeNote: '撤回' }, { token: admin, params: { service: 'allowance' } });
    expect(r.status).toBe(200);
    expect(await topOf('俺妈的养老钱咋领')).not.toBe('service:allowance');
  });
});

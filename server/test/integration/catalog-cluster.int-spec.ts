import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { catalogItemDetail, routes, searchResultView, searchHitCode } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

// two server instances on one database: each keeps its own in-memory search index, kept in step by the catalog
// version row. Instance 2 checks that row on every search here (CATALOG_INDEX_CHECK_MS=0).
describeEngines('catalog search across two instances on %s', (engine) => {
  let one: TestApp;
  let two: TestApp;
  let stale: TestApp;
  beforeAll(async () => {
    one = await startTestApp(engine, { name: 'catalog-one', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_INDEX_CHECK_MS: '0' } });
    const db = one.config.db;
    const shared: Record<string, string> = db.driver === 'mariadb' ? { DB_URL: db.url } : { DB_SQLITE_PATH: one.sqlitePath! };
    two = await startTestApp(engine, { name: 'catalog-two', env: { HANDLER_TIMEOUT_MS: '10000', ...shared, CATALOG_INDEX_CHECK_MS: '0' } });
    // negative control: an instance that never re-checks within the test keeps serving what it had
    stale = await startTestApp(engine, { name: 'catalog-stale', env: { HANDLER_TIMEOUT_MS: '10000', ...shared, CATALOG_INDEX_CHECK_MS: '600000' } });
  });
  afterAll(async () => {
    await stale?.close();
    await two?.close();
    await one?.close();
  });

  const codesFor = async (t: TestApp, q: string) => searchResultView.parse((await t.call(routes.catalogSearch, { q })).body).results.map(searchHitCode);

  it('an edit through instance 1 is found by a search on instance 2', async () => {
    expect(await codesFor(two, '跨实例别名')).not.toContain('NI-16');
    expect(await codesFor(stale, '跨实例别名')).not.toContain('NI-16');
    const admin = await one.loginStaff('district');
    const d = catalogItemDetail.parse((await one.call(routes.catalogItem, {}, { params: { itemCode: 'NI-16' } })).body);
    const r = await one.call(routes.updateCatalogItem, { baseVersion: d.version, changes: { aliases: ['跨实例别名'] }, changeNote: 'cluster' }, { token: admin, params: { itemCode: 'NI-16' } });
    expect(r.status).toBe(200);
    expect((await codesFor(two, '跨实例别名'))[0]).toBe('NI-16');
    expect((await two.call(routes.catalogItem, {}, { params: { itemCode: 'NI-16' } })).body.aliases).toEqual(['跨实例别名']);
    expect(await codesFor(stale, '跨实例别名')).not.toContain('NI-16');
  });
});

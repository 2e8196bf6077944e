import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { Clock } from '../../src/common/clock';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

// B2: search is limited per client IP, demand reports per resident account; both answer 429 with Retry-After
describeEngines('catalog rate limits on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'catalog-limits', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_SEARCH_RATE_LIMIT: '5', CATALOG_REPORT_RATE_LIMIT: '2' } });
  });
  afterAll(async () => t?.close());

  it('answers the 6th search in a minute from one IP with 429 and Retry-After; the lists stay open', async () => {
    // the search limit counts per clock minute: searches that straddle a minute boundary (likelier the slower the box)
    // fall into two windows and the 6th passes. The app's clock stands still in the middle of a minute no search has
    // been counted in yet, so the test does not depend on when it runs or how fast
    const clock = t.app.app.get(Clock);
    const realNow = clock.now;
    const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 90_000;
    clock.now = () => new Date(frozen);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await t.call(routes.catalogSearch, { q: `健在证明${i}` })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const r = await t.call(routes.catalogSearch, { q: '健在证明' });
      expect([r.status, r.body.code]).toEqual([429, 'RATE_LIMITED']);
      expect(r.headers.get('retry-after')).toBe('30');
      expect((await t.call(routes.catalogLists, {})).status).toBe(200);
    } finally {
      clock.now = realNow;
    }
  });

  it('answers the 3rd report in an hour from one account with 429; refused or invalid reports do not count; another account is not affected', async () => {
    const me = await t.loginResident('limit-a');
    const other = await t.loginResident('limit-b');
    const report = { itemCode: 'NI-10', place: '银行', happenedOn: '2026-01-05' };
    expect((await t.call(routes.createDemandReport, { ...report, itemCode: 'IS-08' }, { token: me })).status).toBe(422);
    expect((await t.call(routes.createDemandReport, report, { token: me })).status).toBe(201);
    expect((await t.call(routes.createDemandReport, report, { token: me })).status).toBe(201);
    const third = await t.call(routes.createDemandReport, report, { token: me });
    expect([third.status, third.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.call(routes.myDemandReports, {}, { token: me })).body.total).toBe(2);
    expect((await t.call(routes.createDemandReport, report, { token: other })).status).toBe(201);
  });
});

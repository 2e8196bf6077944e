import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { Db } from '../../src/common/db';
import { HousekeepingService } from '../../src/identity/housekeeping.service';
import { AuthSessionEntity } from '../../src/identity/entities/auth-session.entity';
import { RegionEntity } from '../../src/identity/entities/region.entity';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

describeEngines('Db transactions on %s', (engine) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'db' });
    db = t.app.app.get(Db);
  });
  afterAll(async () => t?.close());

  it('lets work started inside a transaction join it instead of waiting for it', async () => {
    const outcome = await Promise.race([
      db.transaction(async (tx) => {
        await tx.insert(RegionEntity, { code: '421003009', name: '测试街道', level: 'street', parentCode: '421003', sortOrder: 99 });
        const seen = await db.read((m) => m.findOne(RegionEntity, { where: { code: '421003009' } }));
        await db.transaction((inner) => inner.update(RegionEntity, { code: '421003009' }, { name: '测试街道二' }));
        return seen?.name;
      }),
      new Promise((ok) => setTimeout(() => ok('deadlocked'), 5000).unref()),
    ]);
    expect(outcome).toBe('测试街道');
    expect((await db.read((m) => m.findOne(RegionEntity, { where: { code: '421003009' } })))?.name).toBe('测试街道二');
  });

  it('rolls back everything, joined work included, when the transaction fails', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(RegionEntity, { code: '421003008', name: '回滚街道', level: 'street', parentCode: '421003', sortOrder: 98 });
        await db.transaction((inner) => inner.update(RegionEntity, { code: '421003003' }, { name: '改名' }));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.read((m) => m.findOne(RegionEntity, { where: { code: '421003008' } }))).toBeNull();
    expect((await db.read((m) => m.findOne(RegionEntity, { where: { code: '421003003' } })))?.name).toBe('城南街道');
  });

  it('keeps concurrent transactions apart (SQLite serializes them, MariaDB runs them side by side)', async () => {
    const codes = Array.from({ length: 20 }, (_, i) => `4210030${String(50 + i).padStart(2, '0')}`);
    await Promise.all(codes.map((code) => db.transaction((tx) => tx.insert(RegionEntity, { code, name: code, level: 'street', parentCode: '421003', sortOrder: 0 }))));
    const rows = await db.read((m) => m.count(RegionEntity, { where: { parentCode: '421003', level: 'street' } }));
    expect(rows).toBeGreaterThanOrEqual(23);
  });
});

describeEngines('housekeeping on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'housekeeping' });
  });
  afterAll(async () => t?.close());

  it('deletes sessions that ended over a day ago and stale rate-limit counters, and nothing live', async () => {
    const live = await t.loginResident('hk-live');
    const ended = await t.loginResident('hk-ended');
    const old = new Date(Date.now() - 3 * 86400_000);
    const endedId = (await t.call(routes.me, {}, { token: ended })).body.id;
    await t.ds.createQueryBuilder().update(AuthSessionEntity).set({ refreshExpiresAt: old, expiresAt: old }).where('subject_id = :endedId', { endedId }).execute();
    await t.ds.query(`INSERT INTO rate_limit_bucket (bucket_key, window_start, hits) VALUES (?, ?, ?)`, ['login-ip:old', Math.floor(old.getTime() / 1000), 3]);
    const result = await t.app.app.get(HousekeepingService).run();
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect(result.counters).toBeGreaterThanOrEqual(1);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*) AS n FROM auth_session WHERE subject_id = ?`, [endedId]);
    expect(Number(n)).toBe(0);
    expect((await t.call(routes.me, {}, { token: live })).status).toBe(200);
    const [{ k }] = await t.ds.query(`SELECT COUNT(*) AS k FROM rate_limit_bucket WHERE bucket_key = 'login-ip:old'`);
    expect(Number(k)).toBe(0);
  });
});

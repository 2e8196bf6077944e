import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { randomUUID } from 'node:crypto';
import { describeEngines } from '../support/describe-engines';
import { startCluster, type Cluster } from '../support/cluster';
import { countBy, sleep } from '../support/booking-load';
import { anIdNumber } from '../support/registry';
import { ACCOUNT, CONSENT } from './allowance-helpers';

// Reliability row D2 for an application submit: a server process is killed with SIGKILL while families submit
// applications. After the restart every acknowledged submit is whole (application + consent + case file + 'submitted'
// log row + one 'received' message per verified account), nothing is half-written (no consent, case or message without
// its application), there is one application per elder, and a retry with the same idempotency key answers with the
// same application. The load runs for a span of TIME (until the restarted process has served a submit, ≤ 60 s).

interface Family {
  token: string;
  memberId: string;
  key: string;
  answers: { status: number; proc: number; id?: string; startedAt: number; endedAt: number }[];
  id?: string;
}

describeEngines('allowance submit fault injection on %s', (engine) => {
  let c: Cluster;
  const families: Family[] = [];
  const N = 48;
  // SQLite is the single-instance (embedded) deployment: one process, killed and restarted; MariaDB: two processes
  // sharing the database, the second killed while the first keeps serving
  const PROCS = engine === 'sqlite' ? 1 : 2;
  const KILLED = PROCS - 1;

  beforeAll(async () => {
    c = await startCluster({ engine, processes: PROCS, name: 'allowance-kill', env: { ALLOWANCE_JOB_POLL_SECONDS: '0', BOOKING_JOB_POLL_SECONDS: '0' } });
    const staff = await c.loginStaff('district');
    const tokens = await c.loginResidents('allowkill', N);
    // each family: a verified resident (at the counter) acting for one elder (confirmed at the counter)
    // set-up, not under test: a busy SQLite file shared by two processes may answer 503 — sent again
    const retried = async (send: () => Promise<{ status: number; body: any }>) => {
      for (let attempt = 0; ; attempt++) {
        const r = await send();
        if (r.status !== 503 || attempt >= 10) return r;
        await sleep(200);
      }
    };
    const setUp = async (i: number) => {
      const token = tokens[i];
      const elderId = anIdNumber('421003', '1939-05-05', 100 + i);
      const m = await retried(() => c.call(routes.addFamilyMember, { name: '张桂英', idNumber: elderId, relationship: 'parent', communityCode: '421003003003' }, { token }));
      expect(m.status).toBe(201);
      const me = (await c.call(routes.me, {}, { token })).body.id as string;
      const v = await retried(() => c.call(routes.staffVerifyResident, { name: '王丽', idNumber: anIdNumber('421003', '1968-04-12', 500 + i) }, { token: staff, params: { id: me } }));
      expect(v.status).toBe(200);
      const p = await retried(() => c.call(routes.staffConfirmProxy, { elderIdNumber: elderId, elderName: '张桂英' }, { token: staff, params: { id: m.body.id } }));
      expect(p.status).toBe(200);
      families[i] = { token, memberId: m.body.id as string, key: randomUUID(), answers: [] };
    };
    for (let i = 0; i < N; i += 6) await Promise.all(Array.from({ length: Math.min(6, N - i) }, (_, k) => setUp(i + k)));
  }, 180_000);
  afterAll(() => c?.close());

  const submit = async (f: Family, proc: number, t0: number) => {
    const startedAt = performance.now() - t0;
    const r = await c
      .call(routes.applyAllowance, { familyMemberId: f.memberId, consent: CONSENT, account: ACCOUNT, phone: '13800001234', idempotencyKey: f.key }, { token: f.token, proc, timeoutMs: 15_000 })
      .catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
    const a = { status: r.status, proc, id: r.status === 201 ? (r.body.id as string) : undefined, startedAt, endedAt: performance.now() - t0 };
    f.answers.push(a);
    if (a.id) f.id = a.id;
    return a;
  };

  it('D2: after kill -9 and restart every acknowledged submit is whole, nothing is half-written, a retry answers the same', async () => {
    const t0 = performance.now();
    let killedAt = -1;
    let restartedAt = -1;
    let restarting: Promise<void> | undefined;
    const deadline = 60_000;
    // 6 clients at a time; family i talks to process i % PROCS only (so its families see the killed process die and come back)
    // and sends the same submit, same key, until it is acknowledged; the kill comes once a quarter are in
    let next = 0;
    const worker = async () => {
      while (next < families.length) {
        const i = next++;
        const f = families[i];
        while (!f.id && performance.now() - t0 < deadline) {
          const a = await submit(f, i % PROCS, t0);
          if (!a.id) await sleep(100);
          if (killedAt < 0 && families.filter((x) => x.id).length >= N / 4) {
            killedAt = performance.now() - t0;
            restarting = c.kill(KILLED).then(() => sleep(800)).then(() => c.restart(KILLED)).then(() => void (restartedAt = performance.now() - t0));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    await restarting;
    const answers = families.flatMap((f) => f.answers);
    const statuses = countBy(answers, (a) => a.status);
    console.log(`[${engine}] D2 submit kill -9 at ${Math.round(killedAt)} ms, restarted at ${Math.round(restartedAt)} ms: ${N} families, answers ${JSON.stringify(statuses)}`);
    expect(killedAt).toBeGreaterThan(0);
    expect(restartedAt).toBeGreaterThan(killedAt);
    // the kill cut submits off (in flight, or refused while the process was down)
    expect(statuses[0]).toBeGreaterThan(0);
    // submits were acknowledged before the kill, and the restarted process acknowledged submits after it
    expect(answers.some((a) => a.status === 201 && a.endedAt < killedAt)).toBe(true);
    expect(answers.some((a) => a.status === 201 && a.proc === KILLED && a.startedAt > restartedAt)).toBe(true);
    // only the killed process's refused/cut requests fail; a living process never answers 5xx or a conflict
    expect(Object.keys(statuses).filter((s) => !['0', '201'].includes(s))).toEqual([]);
    expect(families.every((f) => f.id)).toBe(true);

    const ids = families.map((f) => f.id as string);
    const inList = ids.map(() => '?').join(',');
    const q = <T>(sql: string, params: unknown[] = ids) => c.probe.query<T>(sql, params);
    // one application per elder, each acknowledged one present
    const apps = await q<{ id: string; status: string }>(`SELECT id, status FROM allowance_application WHERE id IN (${inList})`);
    expect(apps.length).toBe(N);
    const [{ n }] = await c.probe.query<{ n: number }>('SELECT COUNT(*) AS n FROM allowance_application');
    expect(Number(n)).toBe(N);
    // whole: a consent row, a case file, exactly one 'submitted' log row and one 'received' message each
    const partial = await q<{ id: string }>(`SELECT a.id FROM allowance_application a WHERE a.id IN (${inList}) AND (
        (SELECT COUNT(*) FROM allowance_consent k WHERE k.application_id = a.id) <> 1
        OR NOT EXISTS (SELECT 1 FROM case_file f WHERE f.kind = 'allowance' AND f.subject_id = a.id)
        OR (SELECT COUNT(*) FROM case_log l WHERE l.kind = 'allowance' AND l.subject_id = a.id AND l.action = 'submitted') <> 1
        OR (SELECT COUNT(*) FROM notification_event e WHERE e.link_kind = 'allowance' AND e.link_id = a.id AND e.type = 'allowance_received') <> 1)`);
    expect(partial).toEqual([]);
    // nothing half-written: no consent, case or message without its application
    const orphans = await c.probe.query(`SELECT 'consent' AS what, k.id FROM allowance_consent k WHERE NOT EXISTS (SELECT 1 FROM allowance_application a WHERE a.id = k.application_id)
      UNION ALL SELECT 'case', f.subject_id FROM case_file f WHERE f.kind = 'allowance' AND NOT EXISTS (SELECT 1 FROM allowance_application a WHERE a.id = f.subject_id)
      UNION ALL SELECT 'message', e.id FROM notification_event e WHERE e.link_kind = 'allowance' AND NOT EXISTS (SELECT 1 FROM allowance_application a WHERE a.id = e.link_id)`);
    expect(orphans).toEqual([]);
    // an application the crash left before its checks is still in a state the job picks up, never stuck half-way
    expect(apps.filter((a) => !['checking', 'waiting', 'check_failed', 'community_review'].includes(a.status))).toEqual([]);

    // a retry with the same key (on either process) answers with the same application
    for (const [i, f] of families.entries()) {
      const again = await submit(f, (i + 1) % PROCS, t0);
      expect([again.status, again.id]).toEqual([201, f.id]);
    }
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

describeEngines('time limits on %s (B3)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'limits', env: { HANDLER_TIMEOUT_MS: '800', WECHAT_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1500' } });
  });
  afterAll(async () => t?.close());

  it('answers a handler that would hang with 503 TIMEOUT in time, not a hung request', async () => {
    // the peer hangs past the server's own WeChat client limit (WECHAT_TIMEOUT_MS 5000), so only the 800 ms handler
    // limit can answer before 5 s. Margin, not a baseline: the bound is 4 s — 3.2 s above the handler limit for a
    // loaded 2-core box, and still 1 s short of the moment the WeChat client limit (a different answer) would fire
    await t.peerCall('/__peer/fail', { endpoint: 'jscode2session', delayMs: 8000 });
    const { code } = await t.peerCall('/__peer/code', { user: 'slow' });
    const started = Date.now();
    const r = await t.call(routes.wechatLogin, { code });
    const took = Date.now() - started;
    expect([r.status, r.body.code]).toEqual([503, 'TIMEOUT']);
    expect(took).toBeLessThan(4000);
    expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|Error:/);
  });

  it('closes a slow-loris connection that never finishes its headers', async () => {
    const started = Date.now();
    const outcome = await new Promise<string>((ok) => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1', () => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n'));
      let received = '';
      const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 300);
      socket.on('data', (d) => (received += d));
      socket.on('close', () => {
        clearInterval(drip);
        ok(received.split('\r\n')[0] || 'closed');
      });
      setTimeout(() => {
        clearInterval(drip);
        socket.destroy();
        ok('still open');
      }, 8000);
    });
    expect(outcome).not.toBe('still open');
    // margin: REQUEST_TIMEOUT_MS is 1 s; 5 s leaves 4 s for a loaded box, and the client itself gives up only at 8 s
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('bounds waiting on the database: lock waits on SQLite (busy_timeout), statement time on MariaDB', async () => {
    if (engine === 'sqlite') {
      const [{ timeout }] = await t.ds.query('PRAGMA busy_timeout');
      expect(Number(timeout)).toBe(5000);
      return;
    }
    // every pooled connection carries the limit, including those opened while starting up
    const values = await Promise.all(Array.from({ length: 12 }, () => t.ds.query('SELECT @@max_statement_time AS v')));
    for (const [{ v }] of values) expect(Number(v)).toBeCloseTo(1.5, 3);
    // margin: the limit is 1.5 s and the statement would sleep 20 s; 8 s leaves 6.5 s for a loaded box and is still
    // far below what an unbounded statement takes
    const started = Date.now();
    await t.ds.query('SELECT SLEEP(20) AS s').catch(() => undefined);
    expect(Date.now() - started).toBeLessThan(8000);
  });
});

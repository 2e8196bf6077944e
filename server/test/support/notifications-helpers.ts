import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { routes, type NotificationType } from '@jianban/shared';
import { DataSource } from 'typeorm';
import { Db } from '../../src/common/db';
import { NotificationDispatcher, type DispatchStats } from '../../src/notifications/notification-dispatcher';
import { NotificationOutbox } from '../../src/notifications/notification-outbox';
import type { NotificationDataOf } from '../../src/notifications/notification-texts';
import { DEV_TEMPLATE_IDS } from '../../src/notifications/notifications.config';
import { LOG_DIR, type TestApp } from './test-app';

export const TPL = DEV_TEMPLATE_IDS;

// a datetime literal both engines compare correctly with datetime(3) columns
export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

export const bookingData = (extra: Partial<NotificationDataOf['booking_confirmed']> = {}): NotificationDataOf['booking_confirmed'] => ({
  serviceName: '高龄津贴办理',
  personName: '王建国',
  startsAt: '2026-12-01T01:30:00.000Z',
  place: '梅村社区服务中心一楼',
  ...extra,
});

export interface Resident {
  token: string;
  id: string;
  openid: string;
  user: string;
}

// env for a test app whose dispatcher is driven by the test (runOnce) rather than by its own loop
export const MANUAL_DISPATCH = { NOTIFY_DISPATCH: 'off', NOTIFY_RETRY_BASE_MS: '1', NOTIFY_RETRY_MAX_MS: '2', NOTIFY_LEASE_SECONDS: '30' };

// the peer's control API, retried once: a keep-alive connection the peer just closed answers ECONNRESET
export async function peer<T = any>(t: TestApp, path: string, body?: unknown): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(t.peer.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      return (await res.json()) as T;
    } catch (err) {
      if (i >= 2) throw err;
    }
  }
}

export function notify(t: TestApp) {
  const outbox = t.app.app.get(NotificationOutbox);
  const dispatcher = t.app.app.get(NotificationDispatcher);
  const db = t.app.app.get(Db);
  const ds = t.app.app.get(DataSource);
  const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => ds.query(sql, params);

  return {
    outbox,
    dispatcher,
    db,
    q,
    async resident(user: string): Promise<Resident> {
      const token = await t.loginResident(user);
      const me = await t.call(routes.me, {}, { token });
      // @ts-expect-error the peer is plain JavaScript (JSDoc-typed)
      const { openidForUser } = (await import('../../../scripts/wechat-peer/peer.mjs')) as { openidForUser: (u: string) => string };
      return { token, id: me.body.id as string, openid: openidForUser(user), user };
    },
    // the resident accepts `count` subscriptions in the mini-program: our credits and WeChat's (the peer's) both go up
    async subscribe(r: Resident, templateId: string, count = 1) {
      for (let i = 0; i < count; i++) {
        const res = await t.call(routes.reportSubscriptions, { results: [{ templateId, result: 'accept' }] }, { token: r.token });
        if (res.status !== 200) throw new Error(`subscribe failed ${res.status} ${JSON.stringify(res.body)}`);
      }
      await peer(t, '/__peer/credits', { openid: r.openid, templateId, count });
    },
    record<T extends NotificationType>(r: { id: string }, type: T, key: string, data: NotificationDataOf[T], extra: { notBefore?: Date } = {}) {
      return outbox.record({ recipient: { kind: 'resident', id: r.id }, type, data, idempotencyKey: key, link: { kind: 'booking', id: key.slice(0, 36) }, ...extra });
    },
    async drain(max = 50): Promise<DispatchStats> {
      const total: DispatchStats = { claimed: 0, sent: 0, retried: 0, final: 0, skipped: 0 };
      for (let i = 0; i < max; i++) {
        const s = await dispatcher.runOnce();
        for (const k of Object.keys(total) as (keyof DispatchStats)[]) total[k] += s[k];
        if (!s.claimed) break;
      }
      return total;
    },
    async event(key: string) {
      const [row] = await q(`SELECT * FROM notification_event WHERE idempotency_key = ?`, [key]);
      return row as { id: string; push_state: string; attempts: number; credit_held: number; last_error: string | null; claim_token: string | null; next_attempt_at: unknown; template_id: string | null };
    },
    async attempts(eventId: string) {
      return q<{ attempt_no: number; errcode: number | null; outcome: string; error: string | null }>(
        `SELECT attempt_no, errcode, outcome, error FROM notification_attempt WHERE event_id = ? ORDER BY attempt_no, at`,
        [eventId],
      );
    },
    async credits(r: Resident, templateId: string): Promise<number> {
      const rows = await q<{ credits: number }>(`SELECT credits FROM notification_credit WHERE account_id = ? AND template_id = ?`, [r.id, templateId]);
      return rows.length ? Number(rows[0].credits) : 0;
    },
    async peerCredits(r: Resident, templateId: string): Promise<number> {
      return (await peer<{ count: number }>(t, `/__peer/credits?openid=${encodeURIComponent(r.openid)}&templateId=${templateId}`)).count;
    },
    async delivered(r?: Resident): Promise<{ template_id: string; touser: string; page?: string; data: Record<string, { value: string }> }[]> {
      return (await peer<{ messages: any[] }>(t, `/__peer/messages${r ? `?touser=${encodeURIComponent(r.openid)}` : ''}`)).messages;
    },
    fail(body: Record<string, unknown>) {
      return peer(t, '/__peer/fail', { endpoint: 'subscribe_send', ...body });
    },
    // lets every retry become due now
    async makeDue() {
      await q(`UPDATE notification_event SET next_attempt_at = ? WHERE push_state = 'pending'`, [sqlTime(new Date(Date.now() - 1000))]);
    },
  };
}

/**
 * A dispatcher in its own process (support/notifications-child.cjs, compiled from the sources on the fly) on the test
 * app's database — or on `dbUrl`, another node of a cluster holding the same database. `compiledServer`: a whole server
 * instance from the compiled build instead (server/dist/main.js on a free port; faster to boot on a loaded machine).
 * Resolves when it is polling; `children` collects it for clean-up.
 */
export function startDispatcherChild(
  t: TestApp,
  o: { tag: string; name: string; children: ChildProcess[]; dbUrl?: string; env?: Record<string, string>; compiledServer?: string },
): Promise<ChildProcess> {
  const db = t.engine === 'sqlite' ? { DB_SQLITE_PATH: t.sqlitePath! } : { DB_URL: o.dbUrl ?? (t.config.db as { url: string }).url };
  const entry = o.compiledServer ? join(o.compiledServer, 'main.js') : join(__dirname, 'notifications-child.cjs');
  const ready = o.compiledServer ? 'jianban server ready' : 'dispatcher ready';
  const child = spawn(process.execPath, [entry], {
    cwd: join(__dirname, '../..'),
    env: {
      PATH: process.env.PATH, NODE_ENV: 'test', ...db, DB_MIGRATE_ON_START: 'false', WECHAT_API_BASE: t.peer.url, LOG_LEVEL: 'info',
      LOG_FILE: join(LOG_DIR, `int-${o.name}-child-${o.tag}-${t.engine}-${process.pid}.log`),
      ...(o.compiledServer ? { HOST: '127.0.0.1', PORT: '0' } : {}),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  o.children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dispatcher did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      if (String(d).includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`dispatcher exited ${code}: ${err}`)));
  });
}

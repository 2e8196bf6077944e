// helpers for the allowance ledger suites (ledger*.int-spec.ts)
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { routes } from '@jianban/shared';
import { LedgerMonths } from '../../src/allowance/ledger/ledger.months';
import { LedgerReverify } from '../../src/allowance/ledger/ledger.reverify';
import { LOG_DIR, type TestApp } from '../support/test-app';
import { ALLOWANCE_TEST_ENV } from './allowance-helpers';

export const LEDGER_TEST_ENV = { ...ALLOWANCE_TEST_ENV, LEDGER_JOB_POLL_SECONDS: '0', LEDGER_ENTITLE_DAY: '0' };

export const csvFile = (fileName: string, lines: string[][]) => ({ fileName, base64: Buffer.from(`\uFEFF${lines.map((l) => l.join(',')).join('\n')}\n`, 'utf8').toString('base64') });

/** waits until the run of `kind` for `month` is no longer running, working its chunks here too */
export async function settle(t: TestApp, kind: 'entitle' | 'reverify', month: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [run] = (await t.ds.query(`SELECT id, status FROM allowance_ledger_run WHERE kind = ? AND month = ?`, [kind, month])) as { id: string; status: string }[];
    if (!run) throw new Error(`no ${kind} run for ${month}`);
    if (run.status !== 'running') return run.status;
    if (kind === 'entitle') await t.app.app.get(LedgerMonths).driveEntitlements(run.id);
    else await t.app.app.get(LedgerReverify).drive(run.id);
    if (Date.now() > deadline) throw new Error(`${kind} run for ${month} did not finish`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function entitle(t: TestApp, token: string, month: string): Promise<void> {
  const r = await t.call(routes.startEntitlementRun, {}, { params: { month }, token });
  if (r.status !== 200) throw new Error(`entitlement run ${month}: ${r.status} ${JSON.stringify(r.body)}`);
  const status = await settle(t, 'entitle', month);
  if (status !== 'done') throw new Error(`entitlement run ${month} ended ${status}`);
}

export async function reverify(t: TestApp, token: string, month: string): Promise<string> {
  const r = await t.call(routes.startReverification, {}, { params: { month }, token });
  if (r.status !== 200) throw new Error(`reverify ${month}: ${r.status} ${JSON.stringify(r.body)}`);
  return settle(t, 'reverify', month);
}

/** the roster's rows as the bank would read them */
export async function rosterRows(base64: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

export async function entitlementsOf(t: TestApp, recipientId: string): Promise<{ for_month: string; pay_month: string; kind: string; amount_cny: number; state: string }[]> {
  const rows = (await t.ds.query(`SELECT for_month, pay_month, kind, amount_cny, state FROM allowance_entitlement WHERE recipient_id = ? ORDER BY for_month`, [recipientId])) as Record<string, unknown>[];
  return rows.map((r) => ({ for_month: String(r.for_month), pay_month: String(r.pay_month), kind: String(r.kind), amount_cny: Number(r.amount_cny), state: String(r.state) }));
}

/** a second server process on the same database whose ledger job works running runs (the kill -9 test kills it) */
export function startLedgerWorker(t: TestApp, children: ChildProcess[], env: Record<string, string>): Promise<ChildProcess> {
  const db = t.engine === 'sqlite' ? { DB_SQLITE_PATH: t.sqlitePath! } : { DB_URL: (t.config.db as { url: string }).url };
  const child = spawn(process.execPath, [join(__dirname, '../support/ledger-child.cjs')], {
    cwd: join(__dirname, '../..'),
    env: {
      PATH: process.env.PATH, NODE_ENV: 'test', ...db, DB_MIGRATE_ON_START: 'false', WECHAT_API_BASE: t.peer.url, LOG_LEVEL: 'info', NOTIFY_DISPATCH: 'off',
      ALLOWANCE_JOB_POLL_SECONDS: '0', BOOKING_JOB_POLL_SECONDS: '0', LOG_FILE: join(LOG_DIR, `int-ledger-worker-${t.engine}-${process.pid}.log`), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ledger worker did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      if (String(d).includes('ledger worker ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`ledger worker exited ${code}: ${err}`)));
  });
}

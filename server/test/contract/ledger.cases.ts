import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { addMonths, routes, shanghaiDate } from '@jianban/shared';
import { PiiCipher } from '../../src/common/pii-cipher';
import { ACCOUNT, CONSENT, familyOf, registryElder } from '../integration/allowance-helpers';
import { csvFile, settle } from '../integration/ledger-helpers';
import type { TestApp } from '../support/test-app';
import type { ContractContext, ModuleContractCases } from './contract-cases';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const CODE = '421003003003';
const MONTH = { month: '2027-01' };
let users = 0;

interface World {
  fam: { token: string; memberId: string };
  recipientId: string;
}
const worlds = new WeakMap<TestApp, Promise<World>>();

/** one recipient (imported from the payment roll) whose verified family can act, made once per contract app */
function world(c: ContractContext): Promise<World> {
  let w = worlds.get(c.t);
  if (!w) {
    w = (async () => {
      const elder = await registryElder(c.t, '1940-03-15', { name: '合同甲' });
      const fam = await familyOf(c.t, `contract-ledger-${users++}`, elder);
      const r = await c.t.call(routes.importPaymentRoll, csvFile('在册.csv', [['姓名', '身份证号', '账号'], [elder.name, elder.idNumber, ACCOUNT.number]]), { token: c.staff });
      expect(r.status).toBe(201);
      const hash = c.t.app.app.get(PiiCipher).blindIndex('id_number', elder.idNumber);
      const [row] = (await c.t.ds.query('SELECT id FROM allowance_recipient WHERE elder_id_hash = ?', [hash])) as { id: string }[];
      return { fam, recipientId: row.id };
    })();
    worlds.set(c.t, w);
  }
  return w;
}

const thisMonth = () => shanghaiDate(new Date()).slice(0, 7);
const now = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

/** last month with its entitlements run and closed (its roster can then be made) */
async function closedMonth(c: ContractContext): Promise<string> {
  await world(c);
  const month = addMonths(thisMonth(), -1);
  const [row] = (await c.t.ds.query('SELECT status FROM allowance_ledger_month WHERE month = ?', [month])) as { status: string }[];
  if (row?.status === 'closed') return month;
  await c.t.call(routes.startEntitlementRun, {}, { params: { month }, token: c.staff });
  await settle(c.t, 'entitle', month);
  expect((await c.t.call(routes.closeLedgerMonth, {}, { params: { month }, token: c.staff })).status).toBe(200);
  return month;
}

// contract cases of the ledger's routes (issue 12; the payments view and figures have theirs in payview.cases.ts)
export const LEDGER_CASES: ModuleContractCases = {
  validParams: {
    updatePaymentAccount: { id: ID },
    enrolmentInvitation: { id: ID },
    confirmEnrolment: { id: ID },
    ledgerMonth: MONTH,
    startEntitlementRun: MONTH,
    closeLedgerMonth: MONTH,
    exportPaymentRoster: MONTH,
    importBankReturn: MONTH,
    startReverification: MONTH,
    reverification: MONTH,
    approveReverification: MONTH,
    reverificationDecisions: MONTH,
    resolveOverpayment: { id: ID },
    staffPaymentRecipients: { code: CODE },
    staffPaymentRecipient: { id: ID },
    staffUpdatePaymentAccount: { id: ID },
    communityPayTasks: { code: CODE },
    resolvePayTask: { id: ID },
    enrolmentCandidates: { code: CODE },
    updateEnrolmentCandidate: { id: ID },
  },
  okForValid: {
    updatePaymentAccount: [400, 200, 404],
    enrolmentInvitation: [200, 404],
    confirmEnrolment: [400, 201, 404, 409],
    paymentSettings: [200],
    updatePaymentSettings: [200],
    ledgerMonths: [200],
    ledgerMonth: [200],
    startEntitlementRun: [200, 409],
    closeLedgerMonth: [200, 409],
    exportPaymentRoster: [200, 409],
    importBankReturn: [201, 400, 409],
    startReverification: [200, 409],
    reverification: [200, 404],
    approveReverification: [400, 200, 404, 409],
    reverificationDecisions: [200],
    importPaymentRoll: [201, 400],
    resolveOverpayment: [400, 200, 404, 409],
    staffPaymentRecipients: [200, 404],
    staffPaymentRecipient: [200, 404],
    staffUpdatePaymentAccount: [400, 200, 404],
    communityPayTasks: [200, 404],
    resolvePayTask: [400, 200, 404, 409],
    enrolmentCandidates: [200, 404],
    updateEnrolmentCandidate: [400, 200, 404],
  },
  massAssignment: {
    updatePaymentAccount: async (c) => {
      const w = await world(c);
      const input = { account: ACCOUNT };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('updatePaymentAccount', { id: w.fam.memberId }), { body: { ...input, ...extra }, token: w.fam.token }));
      expect((await c.t.call(routes.updatePaymentAccount, input, { params: { id: w.fam.memberId }, token: w.fam.token })).status).toBe(200);
    },
    confirmEnrolment: async (c) => {
      const elder = await registryElder(c.t, '1941-02-02');
      const fam = await familyOf(c.t, `contract-ledger-${users++}`, elder);
      const input = { consent: CONSENT, account: ACCOUNT, phone: '13800001234' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('confirmEnrolment', { id: fam.memberId }), { body: { ...input, ...extra }, token: fam.token }));
      expect((await c.t.call(routes.confirmEnrolment, input, { params: { id: fam.memberId }, token: fam.token })).status).toBe(201);
    },
    updatePaymentSettings: async (c) => {
      const input = { period: 'monthly', arrearsCapMonths: null, bracketChange: 'birthday_month', payDay: 10, reverifyHoldPercent: 5, confirmedForDistrict: false };
      await c.expectRejectedEverywhere((extra) => c.t.http('PUT', c.pathOf('updatePaymentSettings'), { body: { ...input, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.updatePaymentSettings, input as never, { token: c.staff })).body.isDefault).toBe(true);
    },
    startEntitlementRun: async (c) => {
      await world(c);
      const month = thisMonth();
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('startEntitlementRun', { month }), { body: extra, token: c.staff }));
      expect([200, 409]).toContain((await c.t.call(routes.startEntitlementRun, {}, { params: { month }, token: c.staff })).status);
      await settle(c.t, 'entitle', month).catch(() => undefined);
    },
    closeLedgerMonth: async (c) => {
      await world(c);
      const month = addMonths(thisMonth(), -2);
      await c.t.call(routes.startEntitlementRun, {}, { params: { month }, token: c.staff });
      await settle(c.t, 'entitle', month);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('closeLedgerMonth', { month }), { body: extra, token: c.staff }));
      expect((await c.t.call(routes.closeLedgerMonth, {}, { params: { month }, token: c.staff })).body.status).toBe('closed');
    },
    importBankReturn: async (c) => {
      const month = await closedMonth(c);
      const roster = await c.t.call(routes.exportPaymentRoster, {}, { params: { month }, token: c.staff });
      expect(roster.status).toBe(200);
      const input = csvFile('回盘.csv', [['业务参考号', '结果', '原因'], ['000000', '成功', '']]);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('importBankReturn', { month }), { body: { ...input, ...extra }, token: c.staff }));
      const r = await c.t.call(routes.importBankReturn, input, { params: { month }, token: c.staff });
      expect([r.status, r.body.bad]).toEqual([201, 1]);
    },
    startReverification: async (c) => {
      await world(c);
      const month = thisMonth();
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('startReverification', { month }), { body: extra, token: c.staff }));
      expect([200, 409]).toContain((await c.t.call(routes.startReverification, {}, { params: { month }, token: c.staff })).status);
      await settle(c.t, 'reverify', month).catch(() => undefined);
    },
    approveReverification: async (c) => {
      // a run held over the threshold (written as the engine leaves it: every chunk classified, waiting for approval)
      const month = addMonths(thisMonth(), 1);
      await c.t.ds.query(
        `INSERT INTO allowance_ledger_run (id, kind, month, status, chunks_total, chunks_done, started_by, started_by_name, started_at, recipients, threshold_bp, held_reason) VALUES (?, 'reverify', ?, 'held', 0, 0, 'x', '区管理员', ?, 1, 500, '超过了5%的上限')`,
        [randomUUID(), month, now()],
      );
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('approveReverification', { month }), { body: { reason: '已核实', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.approveReverification, { reason: '已核实' }, { params: { month }, token: c.staff })).body.status).toBe('done');
    },
    importPaymentRoll: async (c) => {
      const elder = await registryElder(c.t, '1939-09-09');
      const input = csvFile('在册.csv', [['姓名', '身份证号', '账号'], [elder.name, elder.idNumber, ACCOUNT.number]]);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('importPaymentRoll'), { body: { ...input, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.importPaymentRoll, input, { token: c.staff })).body.imported).toBe(1);
    },
    resolveOverpayment: async (c) => {
      const w = await world(c);
      const id = randomUUID();
      await c.t.ds.query(
        `INSERT INTO allowance_overpayment (id, recipient_id, entitlement_id, for_month, amount_cny, status, reason, created_at) VALUES (?, ?, ?, '2026-01', 50, 'open', '测试', ?)`,
        [id, w.recipientId, randomUUID(), now()],
      );
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('resolveOverpayment', { id }), { body: { outcome: 'recovered', note: '已退回', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.resolveOverpayment, { outcome: 'recovered', note: '已退回' }, { params: { id }, token: c.staff })).body.status).toBe('recovered');
    },
    staffUpdatePaymentAccount: async (c) => {
      const w = await world(c);
      const input = { account: ACCOUNT, reason: '家属到社区核对了卡号' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffUpdatePaymentAccount', { id: w.recipientId }), { body: { ...input, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffUpdatePaymentAccount, input, { params: { id: w.recipientId }, token: c.staff })).status).toBe(200);
    },
    resolvePayTask: async (c) => {
      const w = await world(c);
      const id = randomUUID();
      await c.t.ds.query(
        `INSERT INTO allowance_pay_task (id, dedupe_key, kind, community_code, recipient_id, elder_name, elder_id_masked, text, status, created_at) VALUES (?, ?, 'payment_failed', ?, ?, '合同甲', '421003**********', '测试', 'open', ?)`,
        [id, `contract:${id}`, CODE, w.recipientId, now()],
      );
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('resolvePayTask', { id }), { body: { resolution: '已联系', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.resolvePayTask, { resolution: '已联系' }, { params: { id }, token: c.staff })).body.status).toBe('done');
    },
    updateEnrolmentCandidate: async (c) => {
      const id = randomUUID();
      await c.t.ds.query(
        `INSERT INTO allowance_candidate (id, elder_id_hash, elder_id_masked, elder_name, birth_date, community_code, eligible_month, status, found_at, updated_at) VALUES (?, ?, '421003**********', '候选', '1946-06-01', ?, '2026-06', 'open', ?, ?)`,
        [id, id.replace(/-/g, ''), CODE, now(), now()],
      );
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('updateEnrolmentCandidate', { id }), { body: { status: 'contacted', note: '已联系', ...extra }, token: c.staff }), ['status']);
      expect((await c.t.call(routes.updateEnrolmentCandidate, { status: 'contacted', note: '已联系' }, { params: { id }, token: c.staff })).body.status).toBe('contacted');
    },
  },
};

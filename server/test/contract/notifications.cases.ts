import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import type { ModuleContractCases } from './contract-cases';

// contract cases of the notifications module's routes (see contract-cases.ts)
export const NOTIFICATIONS_CASES: ModuleContractCases = {
  validParams: {
    getInboxMessage: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
    markInboxRead: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
  },
  okForValid: {
    listInbox: [200], inboxUnread: [200], getInboxMessage: [404], markInboxRead: [404], markAllInboxRead: [200],
    subscriptionTemplates: [200], reportSubscriptions: [200, 400, 429], myCredits: [200],
  },
  massAssignment: {
    markInboxRead: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-inbox-read');
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('markInboxRead'), { body: extra, token }));
    },
    markAllInboxRead: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-inbox-all');
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('markAllInboxRead'), { body: extra, token }));
      expect((await t.call(routes.markAllInboxRead, {}, { token })).status).toBe(200);
    },
    reportSubscriptions: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-subscribe');
      const input = { results: [{ templateId: 'tmpl-booking', result: 'reject' as const }] };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('reportSubscriptions'), { body: { ...input, ...extra }, token }));
    },
  },
};

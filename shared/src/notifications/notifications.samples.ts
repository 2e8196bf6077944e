import type { Sample } from '../route-sample';
import type { notificationsRoutes } from './notifications.routes';

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const NOTIFICATIONS_SAMPLES: Record<keyof typeof notificationsRoutes, Sample> = {
  listInbox: { input: {} },
  inboxUnread: { input: {} },
  getInboxMessage: { input: {}, params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
  markInboxRead: { input: {}, params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
  markAllInboxRead: { input: {} },
  subscriptionTemplates: { input: { purpose: 'booking' } },
  reportSubscriptions: { input: { results: [{ templateId: 'tmpl-booking', result: 'accept' }] } },
  myCredits: { input: {} },
};

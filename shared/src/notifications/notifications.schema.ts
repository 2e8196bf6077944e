import { z } from 'zod';
import { pageMeta } from '../common.schema';

// every status change that reaches a resident (and the flags that reach staff); the booking and allowance modules record these through the outbox
export const notificationTypes = [
  'booking_confirmed',
  'booking_rejected',
  'booking_reminder',
  'booking_cancelled_by_staff',
  'booking_flagged', // to staff: a case left unhandled past the community's threshold
  'case_handed_over', // to staff: a colleague handed a case (booking, allowance …) over to them
  'statutory_year_missing', // to district admins: the booking window reaches a year with no holiday schedule within a month
  'allowance_received',
  'allowance_verified',
  'allowance_more_info',
  'allowance_approved',
  'allowance_rejected',
  'allowance_paid',
  'allowance_suspended',
  'allowance_check_failed', // an automatic check failed: the family may correct and resubmit
  'allowance_publicity_started', // 公示 began in the community
  'allowance_objection', // to staff: a resident raised an objection during 公示
  'allowance_closed', // the one careful notice after the elder's death; nothing else follows
  'allowance_flagged', // to staff: an application past its review deadline (once per application and stage)
  'allowance_consent_withdrawn', // the family withdrew the consent: the application stopped, or payments stop next month
  'allowance_death_reported', // to staff: a family reported the elder's death; the community confirms it
  'demand_report_updated',
  'session_revoked', // to the account holder: an old login token came back, so every device of that login was signed out
  'allowance_payment_failed', // the bank could not pay a month (push: it needs the family to act)
  'allowance_back_pay', // missed months will be paid in the next roster (push: a correction)
  'allowance_invited', // 免申即享: the elder meets the age rule, confirm the account to receive it (inbox)
] as const;
export const notificationType = z.enum(notificationTypes);
export type NotificationType = z.infer<typeof notificationType>;

// what a message is about, so the inbox can link to it
// allowance_payments / allowance_invitation: id = the receiving account's own family-member id of the elder (each
// account's message carries its own id, never another account's), for the family's payments / invitation pages
export const notificationSubjects = ['booking', 'allowance', 'demand_report', 'statutory_year', 'allowance_payments', 'allowance_invitation'] as const;
export const notificationLink = z.object({ kind: z.enum(notificationSubjects), id: z.string() });
export type NotificationLink = z.infer<typeof notificationLink>;

// the subscribe-message templates a resident is asked to accept at a natural tap
export const subscriptionPurposes = ['booking', 'allowance'] as const;
export const subscriptionPurpose = z.enum(subscriptionPurposes);

export const inboxMessageView = z.object({
  id: z.string(),
  type: notificationType,
  title: z.string(),
  body: z.string(),
  link: notificationLink.nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type InboxMessageView = z.infer<typeof inboxMessageView>;

export const inboxQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
  unreadOnly: z.enum(['true', 'false']).optional(),
});
export const inboxList = z.object({ items: z.array(inboxMessageView), unread: z.number().int(), ...pageMeta });
export const unreadView = z.object({ unread: z.number().int() });
export const markAllReadView = z.object({ updated: z.number().int(), unread: z.number().int() });

export const templatesQuery = z.strictObject({ purpose: subscriptionPurpose });
export const subscriptionTemplateView = z.object({
  templateId: z.string(),
  title: z.string(),
  types: z.array(notificationType),
});
export const subscriptionTemplateList = z.object({ items: z.array(subscriptionTemplateView) });

// what wx.requestSubscribeMessage answered, per template id: 'accept' is one credit for one message
export const subscribeResult = z.enum(['accept', 'reject', 'ban', 'filter']);
export const reportSubscriptionsInput = z.strictObject({
  results: z
    .array(z.strictObject({ templateId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '订阅消息模板编号不对'), result: subscribeResult }))
    .min(1)
    .max(10),
});
export const creditView = z.object({ templateId: z.string(), title: z.string(), credits: z.number().int() });
export const creditList = z.object({ items: z.array(creditView) });

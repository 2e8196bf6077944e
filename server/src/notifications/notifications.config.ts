import { z } from 'zod';
import type { ConfigSection } from '../common/config';

// the notifications module's environment variables: its ConfigSection (composed by ../config.ts, the app root, the only reader of the environment).
// Every variable is documented in docs/notifications.md.

// WeChat subscribe-message templates are per kind of message; several event types share one (see template-registry.ts)
export const TEMPLATE_KINDS = ['booking_result', 'booking_reminder', 'allowance_progress', 'allowance_paid'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_ENV: Record<TemplateKind, string> = {
  booking_result: 'WECHAT_TEMPLATE_BOOKING_RESULT',
  booking_reminder: 'WECHAT_TEMPLATE_BOOKING_REMINDER',
  allowance_progress: 'WECHAT_TEMPLATE_ALLOWANCE_PROGRESS',
  allowance_paid: 'WECHAT_TEMPLATE_ALLOWANCE_PAID',
};

// ids the local WeChat peer knows (the server registers them with the peer in development and tests)
export const DEV_TEMPLATE_IDS: Record<TemplateKind, string> = {
  booking_result: 'jb-dev-booking-result',
  booking_reminder: 'jb-dev-booking-reminder',
  allowance_progress: 'jb-dev-allowance-progress',
  allowance_paid: 'jb-dev-allowance-paid',
};

const onOff = z.enum(['on', 'off']);
const templateId = z.string().regex(/^(off|[A-Za-z0-9_-]{1,64})$/, 'a WeChat template id, or "off" for inbox only');

export const NotificationsEnv = z.object({
  NOTIFY_DISPATCH: onOff.default('on'), // the dispatcher loop inside this server process
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  NOTIFY_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  NOTIFY_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  NOTIFY_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5000),
  NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(30 * 60_000),
  NOTIFY_CREDIT_CAP: z.coerce.number().int().min(1).max(1000).default(20),
  NOTIFY_SUBSCRIBE_RATE_LIMIT: z.coerce.number().int().min(1).default(30), // reports per account per minute
  WECHAT_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  WECHAT_TOKEN_REFRESH_AHEAD_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  WECHAT_TOKEN_LEASE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).optional(),
  WECHAT_TEMPLATE_BOOKING_RESULT: templateId.optional(),
  WECHAT_TEMPLATE_BOOKING_REMINDER: templateId.optional(),
  WECHAT_TEMPLATE_ALLOWANCE_PROGRESS: templateId.optional(),
  WECHAT_TEMPLATE_ALLOWANCE_PAID: templateId.optional(),
});

export interface NotificationsConfig {
  dispatch: boolean;
  batchSize: number;
  leaseSeconds: number;
  pollMs: number;
  sendConcurrency: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  creditCap: number;
  subscribeRatePerMinute: number;
  sendTimeoutMs: number;
  tokenRefreshAheadSeconds: number;
  tokenLeaseSeconds: number;
  miniprogramState: 'developer' | 'trial' | 'formal';
  // null = not configured or "off": events of that kind go to the inbox only (push_state no_template)
  templates: Record<TemplateKind, string | null>;
  // production template variables left unset (inbox only; the dispatcher logs an error for each at startup)
  unconfiguredTemplates: string[];
}

export class NotificationsConfigError extends Error {}

export function notificationsConfig(e: z.output<typeof NotificationsEnv> & { NODE_ENV: string }): NotificationsConfig {
  const production = e.NODE_ENV === 'production';
  const templates = {} as Record<TemplateKind, string | null>;
  const missing: string[] = [];
  for (const kind of TEMPLATE_KINDS) {
    const raw = e[TEMPLATE_ENV[kind] as keyof typeof e] as string | undefined;
    // production has no default template id (WeChat approves templates per mini-program): an unset one means
    // inbox only, said loudly at every start; "off" says the same on purpose, quietly
    if (raw === undefined && production) missing.push(TEMPLATE_ENV[kind]);
    templates[kind] = raw === 'off' || (raw === undefined && production) ? null : (raw ?? DEV_TEMPLATE_IDS[kind]);
  }
  if (e.NOTIFY_LEASE_SECONDS * 1000 < 2 * e.WECHAT_SEND_TIMEOUT_MS) {
    throw new NotificationsConfigError('invalid configuration:\n  NOTIFY_LEASE_SECONDS: must be at least twice WECHAT_SEND_TIMEOUT_MS (a send must end before its lease)');
  }
  if (e.NOTIFY_RETRY_MAX_MS < e.NOTIFY_RETRY_BASE_MS) {
    throw new NotificationsConfigError('invalid configuration:\n  NOTIFY_RETRY_MAX_MS: must be >= NOTIFY_RETRY_BASE_MS');
  }
  return {
    dispatch: e.NOTIFY_DISPATCH === 'on',
    batchSize: e.NOTIFY_BATCH_SIZE,
    leaseSeconds: e.NOTIFY_LEASE_SECONDS,
    pollMs: e.NOTIFY_POLL_MS,
    sendConcurrency: e.NOTIFY_SEND_CONCURRENCY,
    maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: e.NOTIFY_RETRY_BASE_MS,
    retryMaxMs: e.NOTIFY_RETRY_MAX_MS,
    creditCap: e.NOTIFY_CREDIT_CAP,
    subscribeRatePerMinute: e.NOTIFY_SUBSCRIBE_RATE_LIMIT,
    sendTimeoutMs: e.WECHAT_SEND_TIMEOUT_MS,
    tokenRefreshAheadSeconds: e.WECHAT_TOKEN_REFRESH_AHEAD_SECONDS,
    tokenLeaseSeconds: e.WECHAT_TOKEN_LEASE_SECONDS,
    miniprogramState: e.WECHAT_MINIPROGRAM_STATE ?? (production ? 'formal' : 'developer'),
    templates,
    unconfiguredTemplates: missing,
  };
}

export const notificationsConfigSection: ConfigSection<'notifications', typeof NotificationsEnv.shape, NotificationsConfig> = { key: 'notifications', env: NotificationsEnv, build: notificationsConfig };

// the module's settings are AppConfig.notifications
declare module '../common/config' {
  interface AppConfigValues {
    notifications: NotificationsConfig;
  }
}

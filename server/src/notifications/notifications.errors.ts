import type { NotificationsErrorCode } from '@jianban/shared';

// HTTP status of each error code the notifications module owns; merged into STATUS_OF
export const NOTIFICATIONS_STATUS: Record<(typeof NotificationsErrorCode)[keyof typeof NotificationsErrorCode], number> = {
  TEMPLATE_NOT_CONFIGURED: 400,
};

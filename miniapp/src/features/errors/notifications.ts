import type { NotificationsErrorCode } from '@jianban/shared';

/** plain-Chinese messages for the notifications module's error codes (exhaustive) */
export const NOTIFICATIONS_MESSAGES: Record<(typeof NotificationsErrorCode)[keyof typeof NotificationsErrorCode], string> = {
  TEMPLATE_NOT_CONFIGURED: '微信通知暂时不能订阅，消息会放在“消息”里',
};

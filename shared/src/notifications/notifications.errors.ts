// error codes owned by the notifications module; merged into ErrorCode in ../errors.ts
export const NotificationsErrorCode = {
  TemplateNotConfigured: 'TEMPLATE_NOT_CONFIGURED',
} as const;

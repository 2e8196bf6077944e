// error codes owned by the notifications module; merged into ErrorCode in ../errors.ts
export const NotificationsErrorCode = {
  TemplateNotConfigured: 'TEMPLATE_NOT_CONFIGURED',
} as const;

// the HTTP status of each code above, as data (exhaustive: a code without a status, or a status without a code, fails typecheck)
export const NotificationsErrorStatus = {
  TEMPLATE_NOT_CONFIGURED: 400,
} as const satisfies Record<(typeof NotificationsErrorCode)[keyof typeof NotificationsErrorCode], number>;

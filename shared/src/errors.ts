import { z } from 'zod';
import { BookingErrorCode } from './booking/booking.errors';
import { CatalogErrorCode } from './catalog/catalog.errors';
import { NotificationsErrorCode } from './notifications/notifications.errors';

// every error body the server sends: { code, message, details? }
export const CoreErrorCode = {
  Validation: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  SessionExpired: 'SESSION_EXPIRED',
  Forbidden: 'FORBIDDEN',
  OutOfScope: 'OUT_OF_SCOPE',
  RateLimited: 'RATE_LIMITED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  StaffAccountDeactivated: 'STAFF_ACCOUNT_DEACTIVATED',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  StaffUsernameTaken: 'STAFF_USERNAME_TAKEN',
  StaffRegionMismatch: 'STAFF_REGION_MISMATCH',
  StaffOwnAccount: 'STAFF_OWN_ACCOUNT',
  LastDistrictAdmin: 'LAST_DISTRICT_ADMIN',
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatRateLimited: 'WECHAT_RATE_LIMITED',
  WechatUnavailable: 'WECHAT_UNAVAILABLE',
  DevLoginDisabled: 'DEV_LOGIN_DISABLED',
  IdNumberInvalid: 'ID_NUMBER_INVALID',
  FamilyMemberLimit: 'FAMILY_MEMBER_LIMIT',
  FamilyMemberDuplicate: 'FAMILY_MEMBER_DUPLICATE',
  Conflict: 'CONFLICT',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  Timeout: 'TIMEOUT',
  Internal: 'INTERNAL_ERROR',
} as const;
// domain modules keep their own codes next to their routes
export const ErrorCode = { ...CoreErrorCode, ...CatalogErrorCode, ...NotificationsErrorCode, ...BookingErrorCode } as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const validationIssue = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssue>;

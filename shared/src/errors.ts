import { BookingErrorCode, BookingErrorStatus } from './booking/booking.errors';
import { CatalogErrorCode, CatalogErrorStatus } from './catalog/catalog.errors';
import { NotificationsErrorCode, NotificationsErrorStatus } from './notifications/notifications.errors';
import { AllowanceErrorCode, AllowanceErrorStatus } from './allowance/allowance.errors';
import { ProxyErrorCode, ProxyErrorStatus } from './identity/proxies.errors';
import { LedgerErrorCode, LedgerErrorStatus } from './allowance/ledger.errors';
import { CivilAffairsErrorCode, CivilAffairsErrorStatus } from './civil-affairs/civil-affairs.errors';

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
  // a rotated refresh token came back: every session of its login was ended; log in again
  SessionRevoked: 'SESSION_REVOKED',
  Forbidden: 'FORBIDDEN',
  // the H5 refresh cookie was presented without the client header or from another origin
  CsrfRejected: 'CSRF_REJECTED',
  OutOfScope: 'OUT_OF_SCOPE',
  RateLimited: 'RATE_LIMITED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  StaffAccountDeactivated: 'STAFF_ACCOUNT_DEACTIVATED',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  StaffUsernameTaken: 'STAFF_USERNAME_TAKEN',
  StaffRegionMismatch: 'STAFF_REGION_MISMATCH',
  StaffOwnAccount: 'STAFF_OWN_ACCOUNT',
  LastDistrictAdmin: 'LAST_DISTRICT_ADMIN',
  // a held placeholder region code was already assigned to an official community (assigning is done once)
  RegionHoldAssigned: 'REGION_HOLD_ALREADY_ASSIGNED',
  // the chosen community already has a row a held row would collide with (e.g. its own booking settings)
  RegionHoldConflict: 'REGION_HOLD_CONFLICT',
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
  // a route marked stepUp: the staff member must re-enter their password first (POST /auth/staff/step-up), then retry
  StepUpRequired: 'STEP_UP_REQUIRED',
  // the password typed to confirm a sensitive action was wrong (403, not 401: the session itself stays good)
  StepUpPasswordWrong: 'STEP_UP_PASSWORD_WRONG',
} as const;
// domain modules keep their own codes next to their routes
export const ErrorCode = { ...CoreErrorCode, ...CatalogErrorCode, ...NotificationsErrorCode, ...BookingErrorCode, ...AllowanceErrorCode, ...ProxyErrorCode, ...LedgerErrorCode, ...CivilAffairsErrorCode } as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

// the HTTP status of each core code (exhaustive: a code without a status fails typecheck)
export const CoreErrorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  SESSION_REVOKED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  OUT_OF_SCOPE: 403,
  RATE_LIMITED: 429,
  INVALID_CREDENTIALS: 401,
  STAFF_ACCOUNT_DEACTIVATED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  STAFF_USERNAME_TAKEN: 409,
  STAFF_REGION_MISMATCH: 400,
  STAFF_OWN_ACCOUNT: 409,
  LAST_DISTRICT_ADMIN: 409,
  REGION_HOLD_ALREADY_ASSIGNED: 409,
  REGION_HOLD_CONFLICT: 409,
  WECHAT_CODE_INVALID: 400,
  WECHAT_RATE_LIMITED: 429,
  WECHAT_UNAVAILABLE: 503,
  DEV_LOGIN_DISABLED: 403,
  ID_NUMBER_INVALID: 400,
  FAMILY_MEMBER_LIMIT: 409,
  FAMILY_MEMBER_DUPLICATE: 409,
  CONFLICT: 409,
  DATABASE_UNAVAILABLE: 503,
  TIMEOUT: 503,
  INTERNAL_ERROR: 500,
  STEP_UP_REQUIRED: 403,
  STEP_UP_PASSWORD_WRONG: 403,
} as const satisfies Record<(typeof CoreErrorCode)[keyof typeof CoreErrorCode], number>;

// one table, read generically by the server's error filter and the OpenAPI document: every ErrorCode has its status
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  ...CoreErrorStatus, ...CatalogErrorStatus, ...NotificationsErrorStatus, ...BookingErrorStatus, ...AllowanceErrorStatus, ...ProxyErrorStatus, ...LedgerErrorStatus, ...CivilAffairsErrorStatus,
};

/** the HTTP status the server answers with for this error code */
export function errorStatus(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

// the error body's schema lives in error-body.ts: this file stays free of zod, so a client that needs only the codes
// does not bundle it
export { errorBody, validationIssue, type ErrorBody, type ValidationIssue } from './error-body';

import { ErrorCode } from '@jianban/shared';
import { BOOKING_STATUS } from '../booking/booking.errors';
import { CATALOG_STATUS } from '../catalog/catalog.errors';
import { NOTIFICATIONS_STATUS } from '../notifications/notifications.errors';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

// one exhaustive map: a new code without a status fails typecheck
export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  RATE_LIMITED: 429,
  INVALID_CREDENTIALS: 401,
  STAFF_ACCOUNT_DEACTIVATED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  STAFF_USERNAME_TAKEN: 409,
  STAFF_REGION_MISMATCH: 400,
  STAFF_OWN_ACCOUNT: 409,
  LAST_DISTRICT_ADMIN: 409,
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
  // each domain module maps its own codes
  ...CATALOG_STATUS,
  ...NOTIFICATIONS_STATUS,
  ...BOOKING_STATUS,
};

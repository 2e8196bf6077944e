import type { BookingErrorCode } from '@jianban/shared';

// HTTP status of each error code the booking module owns; merged into STATUS_OF (exhaustive: a code without a status fails typecheck)
export const BOOKING_STATUS: Record<(typeof BookingErrorCode)[keyof typeof BookingErrorCode], number> = {
  SLOT_FULL: 409,
  SLOT_NOT_AVAILABLE: 400,
  CLOSED_DAY: 400,
  OUTSIDE_BOOKING_WINDOW: 400,
  MIN_NOTICE_NOT_MET: 400,
  BOOKING_CUTOFF_PASSED: 409,
  ALREADY_BOOKED: 409,
  ACTIVE_BOOKING_LIMIT: 409,
  NO_SHOW_LIMIT: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  BOOKING_STATE_CONFLICT: 409,
  PASS_CODE_NOT_FOUND: 404,
  CHECK_IN_NOT_TODAY: 409,
  HAND_OVER_TARGET_INVALID: 400,
  SERVICE_ITEM_INACTIVE: 409,
  CLOSURE_EXISTS: 409,
  EXPORT_TOO_LARGE: 413,
};

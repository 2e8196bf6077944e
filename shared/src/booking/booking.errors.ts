// error codes owned by the booking module; merged into ErrorCode in ../errors.ts
export const BookingErrorCode = {
  SlotFull: 'SLOT_FULL', // the slot has no seat left
  SlotNotAvailable: 'SLOT_NOT_AVAILABLE', // no such slot (outside opening hours / lunch break / not on the slot grid)
  ClosedDay: 'CLOSED_DAY', // weekend, statutory holiday, closure, or a year the holiday calendar does not cover
  OutsideBookingWindow: 'OUTSIDE_BOOKING_WINDOW', // before the first or after the last bookable day
  MinNoticeNotMet: 'MIN_NOTICE_NOT_MET', // the slot starts too soon
  BookingCutoffPassed: 'BOOKING_CUTOFF_PASSED', // too late to cancel / reschedule
  AlreadyBooked: 'ALREADY_BOOKED', // this person already has an active booking for this service
  ActiveBookingLimit: 'ACTIVE_BOOKING_LIMIT', // the account holds the maximum number of active bookings
  NoShowLimit: 'NO_SHOW_LIMIT', // too many no-shows recently; booking blocked until details.blockedUntil
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED', // same idempotency key, different request
  BookingStateConflict: 'BOOKING_STATE_CONFLICT', // the action does not fit the booking's current status
  PassCodeNotFound: 'PASS_CODE_NOT_FOUND', // no booking with that pass code in this community
  CheckInNotToday: 'CHECK_IN_NOT_TODAY', // the booking is for another day
  HandOverTargetInvalid: 'HAND_OVER_TARGET_INVALID', // colleague unknown, not serving this community, or oneself
  ServiceItemInactive: 'SERVICE_ITEM_INACTIVE', // the service item is no longer offered
  ClosureExists: 'CLOSURE_EXISTS', // that day is already closed
  ExportTooLarge: 'EXPORT_TOO_LARGE', // more rows than one export may hold
} as const;

// the HTTP status of each code above, as data (exhaustive: a code without a status, or a status without a code, fails typecheck)
export const BookingErrorStatus = {
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
} as const satisfies Record<(typeof BookingErrorCode)[keyof typeof BookingErrorCode], number>;

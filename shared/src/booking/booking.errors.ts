// error codes owned by the booking module; merged into ErrorCode in ../errors.ts
// HTTP statuses: server/src/booking/booking.errors.ts (listed here as comments for client authors)
export const BookingErrorCode = {
  SlotFull: 'SLOT_FULL', // 409 the slot has no seat left
  SlotNotAvailable: 'SLOT_NOT_AVAILABLE', // 400 no such slot (outside opening hours / lunch break / not on the slot grid)
  ClosedDay: 'CLOSED_DAY', // 400 weekend, statutory holiday, closure, or a year the holiday calendar does not cover
  OutsideBookingWindow: 'OUTSIDE_BOOKING_WINDOW', // 400 before the first or after the last bookable day
  MinNoticeNotMet: 'MIN_NOTICE_NOT_MET', // 400 the slot starts too soon
  BookingCutoffPassed: 'BOOKING_CUTOFF_PASSED', // 409 too late to cancel / reschedule
  AlreadyBooked: 'ALREADY_BOOKED', // 409 this person already has an active booking for this service
  ActiveBookingLimit: 'ACTIVE_BOOKING_LIMIT', // 409 the account holds the maximum number of active bookings
  NoShowLimit: 'NO_SHOW_LIMIT', // 403 too many no-shows recently; booking blocked until details.blockedUntil
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED', // 422 same idempotency key, different request
  BookingStateConflict: 'BOOKING_STATE_CONFLICT', // 409 the action does not fit the booking's current status
  PassCodeNotFound: 'PASS_CODE_NOT_FOUND', // 404 no booking with that pass code in this community
  CheckInNotToday: 'CHECK_IN_NOT_TODAY', // 409 the booking is for another day
  HandOverTargetInvalid: 'HAND_OVER_TARGET_INVALID', // 400 colleague unknown, not serving this community, or oneself
  ServiceItemInactive: 'SERVICE_ITEM_INACTIVE', // 409 the service item is no longer offered
  ClosureExists: 'CLOSURE_EXISTS', // 409 that day is already closed
  ExportTooLarge: 'EXPORT_TOO_LARGE', // 413 more rows than one export may hold
} as const;

import type { BookingErrorCode } from '@jianban/shared';

// HTTP status of each error code the booking module owns; merged into STATUS_OF (exhaustive: a code without a status fails typecheck)
export const BOOKING_STATUS: Record<(typeof BookingErrorCode)[keyof typeof BookingErrorCode], number> = {};

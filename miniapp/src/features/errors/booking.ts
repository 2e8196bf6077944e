import type { BookingErrorCode } from '@jianban/shared';

/** plain-Chinese messages for the booking module's error codes (exhaustive) */
export const BOOKING_MESSAGES: Record<(typeof BookingErrorCode)[keyof typeof BookingErrorCode], string> = {};

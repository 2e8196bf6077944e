import { z } from 'zod';
import { bool, type ConfigSection } from '../common/config';

// the booking module's environment variables: its ConfigSection (composed by ../config.ts, the app root, the only reader of the environment).
// Every variable is documented in docs/booking.md.
export const BookingEnv = z.object({
  BOOKING_ACTIVE_LIMIT: z.coerce.number().int().min(1).max(1000).default(5), // B1: active bookings per account
  BOOKING_CREATE_RATE_LIMIT: z.coerce.number().int().min(1).default(20), // booking attempts per account per minute
  BOOKING_NO_SHOW_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  BOOKING_NO_SHOW_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  BOOKING_NO_SHOW_BLOCK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BOOKING_IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(24).max(24 * 30).default(48),
  BOOKING_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(18), // Asia/Shanghai hour on the day before
  BOOKING_JOB_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60), // 0 = no timer (tests call runOnce)
  BOOKING_LOCK_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  // beyond the retries above, lock conflicts are retried while less than this has passed since the first run (0 = the
  // count alone); a multi-primary cluster (Galera) needs it: README, scale-out
  BOOKING_LOCK_RETRY_MS: z.coerce.number().int().min(0).max(20_000).default(0),
  // the bookings of one slot take turns within an instance (LockRetry): for a multi-primary cluster (Galera)
  BOOKING_SLOT_TURNS: bool.default(false),
  BOOKING_UNKNOWN_YEAR: z.enum(['closed', 'weekdays']).default('closed'),
});

export interface BookingConfig {
  activeLimit: number;
  createRatePerMinute: number;
  noShowLimit: number;
  noShowWindowDays: number;
  noShowBlockDays: number;
  idempotencyTtlHours: number;
  reminderHour: number;
  jobPollSeconds: number;
  lockRetries: number;
  lockRetryMs: number;
  slotTurns: boolean;
  unknownYear: 'closed' | 'weekdays';
}

export function bookingConfig(e: z.output<typeof BookingEnv> & { NODE_ENV: string }): BookingConfig {
  return {
    activeLimit: e.BOOKING_ACTIVE_LIMIT,
    createRatePerMinute: e.BOOKING_CREATE_RATE_LIMIT,
    noShowLimit: e.BOOKING_NO_SHOW_LIMIT,
    noShowWindowDays: e.BOOKING_NO_SHOW_WINDOW_DAYS,
    noShowBlockDays: e.BOOKING_NO_SHOW_BLOCK_DAYS,
    idempotencyTtlHours: e.BOOKING_IDEMPOTENCY_TTL_HOURS,
    reminderHour: e.BOOKING_REMINDER_HOUR,
    jobPollSeconds: e.BOOKING_JOB_POLL_SECONDS,
    lockRetries: e.BOOKING_LOCK_RETRIES,
    lockRetryMs: e.BOOKING_LOCK_RETRY_MS,
    slotTurns: e.BOOKING_SLOT_TURNS,
    unknownYear: e.BOOKING_UNKNOWN_YEAR,
  };
}

export const bookingConfigSection: ConfigSection<'booking', typeof BookingEnv.shape, BookingConfig> = { key: 'booking', env: BookingEnv, build: bookingConfig };

// the module's settings are AppConfig.booking
declare module '../common/config' {
  interface AppConfigValues {
    booking: BookingConfig;
  }
}

import { z } from 'zod';

// the booking module's environment variables (read only by ../config.ts, which merges every module's section)
export const BookingEnv = z.object({});

export type BookingConfig = { [key: string]: unknown };

// once BookingEnv has fields, type the parameter as z.output<typeof BookingEnv> & { NODE_ENV: string }
export function bookingConfig(_e: { NODE_ENV: string }): BookingConfig {
  return {};
}

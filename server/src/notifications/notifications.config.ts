import { z } from 'zod';

// the notifications module's environment variables (read only by ../config.ts, which merges every module's section)
export const NotificationsEnv = z.object({});

export type NotificationsConfig = { [key: string]: unknown };

// once NotificationsEnv has fields, type the parameter as z.output<typeof NotificationsEnv> & { NODE_ENV: string }
export function notificationsConfig(_e: { NODE_ENV: string }): NotificationsConfig {
  return {};
}

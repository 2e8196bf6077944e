import { z } from 'zod';

export const healthView = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ driver: z.enum(['sqlite', 'mariadb']), ok: z.boolean(), latencyMs: z.number() }),
  version: z.string(),
  time: z.string(),
});

// schemas every module's routes use: paging, an id or a community code in the path
import { z } from 'zod';

// pages are bounded so a list can never grow past what a phone (setData budget) or the server should send
export const MAX_PAGE_SIZE = 100;
export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type PageQuery = z.infer<typeof pageQuery>;
export const pageMeta = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

export const idParams = z.strictObject({ id: z.string().uuid() });
export const communityParams = z.strictObject({ code: z.string().regex(/^\d{6,12}$/) });

// the staff elders list is paged by the server ({ items, total, page, pageSize }); this works out the pager
export const ELDERS_PAGE_SIZE = 20;

export interface PagerView {
  /** number of pages, at least 1 */
  pages: number;
  hasPrev: boolean;
  hasNext: boolean;
  /** 1-based positions of the first and last person shown (0, 0 when the page is empty) */
  from: number;
  to: number;
}

export function pager(total: number, page: number, pageSize: number, shown: number): PagerView {
  const size = Math.max(1, Math.floor(pageSize) || 1);
  const pages = Math.max(1, Math.ceil(Math.max(0, total) / size));
  const from = shown > 0 ? (page - 1) * size + 1 : 0;
  return { pages, hasPrev: page > 1, hasNext: page < pages, from, to: shown > 0 ? from + shown - 1 : 0 };
}

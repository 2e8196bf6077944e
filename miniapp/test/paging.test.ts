import { describe, expect, it } from '@jest/globals';
import { pager } from '../src/features/staff/paging';

describe('staff elders pager', () => {
  it('has one page and no buttons for a short list', () => {
    expect(pager(3, 1, 20, 3)).toEqual({ pages: 1, hasPrev: false, hasNext: false, from: 1, to: 3 });
    expect(pager(20, 1, 20, 20)).toMatchObject({ pages: 1, hasNext: false });
  });

  it('offers 下一页 / 上一页 in the middle and says which people are shown', () => {
    expect(pager(45, 1, 20, 20)).toEqual({ pages: 3, hasPrev: false, hasNext: true, from: 1, to: 20 });
    expect(pager(45, 2, 20, 20)).toEqual({ pages: 3, hasPrev: true, hasNext: true, from: 21, to: 40 });
    expect(pager(45, 3, 20, 5)).toEqual({ pages: 3, hasPrev: true, hasNext: false, from: 41, to: 45 });
  });

  it('copes with an empty list, a page past the end and a bad page size', () => {
    expect(pager(0, 1, 20, 0)).toEqual({ pages: 1, hasPrev: false, hasNext: false, from: 0, to: 0 });
    expect(pager(25, 4, 20, 0)).toMatchObject({ pages: 2, hasPrev: true, hasNext: false, from: 0 });
    expect(pager(5, 1, 0, 5)).toMatchObject({ pages: 5 });
  });
});

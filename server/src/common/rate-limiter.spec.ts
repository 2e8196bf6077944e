import { describe, expect, it } from '@jest/globals';
import { slidingCount } from './rate-limiter';

describe('slidingCount (sliding-window rate limit estimate)', () => {
  const W = 900;
  it('counts this window in full and the previous one by the share still inside the last window, rounded up', () => {
    // 90 s into the window: 90 % of the previous window still counts
    expect(slidingCount({ windowStart: 9000, hits: 3, prevHits: 10 }, 9000, W, 9090)).toBe(3 + 9);
    expect(slidingCount({ windowStart: 9000, hits: 3, prevHits: 10 }, 9000, W, 9001)).toBe(3 + 10);
    expect(slidingCount({ windowStart: 9000, hits: 3, prevHits: 0 }, 9000, W, 9899)).toBe(3);
  });

  it('keeps a burst that straddles a boundary counted (a fixed window would reset it to zero)', () => {
    // 20 hits at the end of one window, then the next window starts: the stored row still says window 8100
    expect(slidingCount({ windowStart: 8100, hits: 20, prevHits: 0 }, 9000, W, 9001)).toBe(20);
    expect(slidingCount({ windowStart: 8100, hits: 20, prevHits: 0 }, 9000, W, 9450)).toBe(10);
  });

  it('counts a request whose window was computed just before another request rolled the counter over', () => {
    expect(slidingCount({ windowStart: 9900, hits: 2, prevHits: 40 }, 9000, W, 9899)).toBe(2);
  });

  it('forgets counters two windows old and missing rows', () => {
    expect(slidingCount({ windowStart: 7200, hits: 50, prevHits: 50 }, 9000, W, 9001)).toBe(0);
    expect(slidingCount(null, 9000, W, 9001)).toBe(0);
  });
});

// Load helpers for the booking race / fault suites: fire many requests "at once" (behind a barrier, so they really
// overlap), keep them bounded in time, and summarise status codes and latency.

export interface Outcome<T = unknown> {
  status: number; // 0 = the request itself failed (connection refused/reset, timeout)
  body?: T;
  ms: number;
  error?: string;
}

// runs every task concurrently, all released at the same moment
export async function race<T>(tasks: (() => Promise<{ status: number; body?: T; ms: number }>)[]): Promise<Outcome<T>[]> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const running = tasks.map(async (task) => {
    await gate;
    const started = performance.now();
    try {
      return await task();
    } catch (err) {
      return { status: 0, ms: performance.now() - started, error: (err as Error).message };
    }
  });
  release();
  return Promise.all(running);
}

// `fn` over every item with at most `limit` calls in flight, each next one started as soon as one is answered
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

// like race, but at most `limit` tasks in flight at once (mapLimit): thousands of clients against a few server
// processes, whose database pools queue a bounded number of waiting requests
export async function raceLimited<T>(tasks: (() => Promise<{ status: number; body?: T; ms: number }>)[], limit: number): Promise<Outcome<T>[]> {
  return mapLimit(tasks, limit, async (task): Promise<Outcome<T>> => {
    const started = performance.now();
    try {
      return await task();
    } catch (err) {
      return { status: 0, ms: performance.now() - started, error: (err as Error).message };
    }
  });
}

// `clients` loops, each calling `step` back to back until `ms` elapse (or `step` returns 'stop')
export async function loop<T>(clients: number, ms: number, step: (client: number, iteration: number) => Promise<T | 'stop'>): Promise<T[]> {
  const until = performance.now() + ms;
  const results: T[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < until; i++) {
        const r = await step(c, i);
        if (r === 'stop') return;
        results.push(r);
      }
    }),
  );
  return results;
}

export function countBy<T>(items: T[], key: (t: T) => string | number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = String(key(it));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

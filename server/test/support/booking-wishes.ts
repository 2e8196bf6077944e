import { randomUUID } from 'node:crypto';
import { sleep } from './booking-load';
import type { BookingFixture, SlotRef } from './booking-scenario';

// Closed-loop booking load for the fault suites (a server process or a database node killed mid-load): residents who
// each want bookings and send every one until it is settled, with the same idempotency key, as the mini-program does.
// one HTTP answer
export interface Answer {
  status: number; // 0 = no HTTP answer (connection refused / reset by a killed process)
  body?: any;
  startedAt: number; // ms since the load began
  endedAt: number;
  proc?: number;
}

// one booking a resident wants (one idempotency key), sent until it is booked or finally refused
export interface Wish {
  client: number;
  item: string;
  key: string;
  slot: SlotRef;
  answers: Answer[];
  readonly last?: Answer;
}

export interface LoadOptions {
  tokens: string[];
  slots: SlotRef[];
  // how long the load runs (it may stop earlier when `stop()` says so)
  ms: number;
  stop?: () => boolean;
  onTick?: (t: number) => void;
  procOf?: (client: number) => number;
  timeoutMs?: number;
  into?: Wish[]; // the wishes, as they are made (for `stop`)
}

// Closed-loop residents: each books its own (resident, service item) pairs over a few hot slots, one request per
// `pace` ms at most, for `ms`. The pace spreads each resident's service items over the whole span (one active booking per
// person per service), so the load lasts as long as the test needs whatever the machine's speed. A booking answered 503
// or not answered at all is sent again with the same idempotency key, as the mini-program does.
export async function bookingLoad(f: BookingFixture, o: LoadOptions): Promise<Wish[]> {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const pace = Math.max(20, o.ms / f.items.length);
  const wishes: Wish[] = o.into ?? [];
  await Promise.all(
    o.tokens.map(async (token, client) => {
      let i = 0;
      let wish: Wish | undefined;
      while (now() < o.ms && !o.stop?.()) {
        const tickAt = now();
        if (!wish) {
          if (i >= f.items.length) break;
          wish = {
            client, item: f.items[i], key: randomUUID(), slot: o.slots[(client + i) % o.slots.length], answers: [],
            get last() {
              return this.answers[this.answers.length - 1];
            },
          };
          i++;
          wishes.push(wish);
        }
        const a: Answer = { status: 0, startedAt: tickAt, endedAt: tickAt, proc: o.procOf?.(client) };
        try {
          const r = await f.book(token, wish.item, wish.slot, { key: wish.key, proc: a.proc, timeoutMs: o.timeoutMs ?? 15000 });
          a.status = r.status;
          a.body = r.body;
        } catch (err) {
          a.body = (err as Error).message;
        }
        a.endedAt = now();
        wish.answers.push(a);
        if (!unsettled(a)) wish = undefined;
        o.onTick?.(a.endedAt);
        await sleep(Math.max(a.status === 0 ? 20 : a.status === 409 ? 1000 : 0, tickAt + pace - now()));
      }
    }),
  );
  return wishes;
}

export const answersOf = (wishes: Wish[]) => wishes.flatMap((w) => w.answers);

// an answer that settles nothing: no answer, 503, or 409 CONFLICT ("busy, please retry", Retry-After: 1 — the booking's
// lock retries ran out on a hot slot); the mini-program sends the same key again
export const unsettled = (a: Answer | undefined) => !a || a.status === 0 || a.status === 503 || (a.status === 409 && a.body?.code === 'CONFLICT');

// what a failure message shows of an answer or a wish
export function brief(x: Answer | Wish): string {
  const a = 'answers' in x ? x.last : x;
  if (!a) return 'no answer';
  const code = typeof a.body === 'object' && a.body ? a.body.code : String(a.body ?? '').slice(0, 80);
  return `${a.status} ${code ?? ''} sent at ${a.startedAt.toFixed(0)} ms, ${(a.endedAt - a.startedAt).toFixed(0)} ms${'answers' in x ? ` (${x.answers.length} sends)` : ''}`;
}

// a wish the load left unsettled is sent again with its key until it is
export async function settle(f: BookingFixture, tokens: string[], wishes: Wish[]) {
  for (const w of wishes.filter((x) => unsettled(x.last))) {
    for (let attempt = 0; ; attempt++) {
      const r = await f.book(tokens[w.client], w.item, w.slot, { key: w.key });
      w.answers.push({ status: r.status, body: r.body, startedAt: Infinity, endedAt: Infinity });
      if (!unsettled(w.last)) break;
      if (attempt >= 20) throw new Error(`booking ${w.key} still ${r.status} after 20 resends: ${JSON.stringify(r.body)}`);
      await sleep(250);
    }
  }
}

// Recovery, measured on what the residents saw: how long after `from` the first request was SENT that then succeeded
// (its own latency, which grows with the machine's load, is not the outage's), and how long after `from` requests
// still failed (the last 503 sent). Infinity when nothing succeeded.
export function recoveryAfter(answers: Answer[], from: number): { firstSuccess: number; lastFailure: number; firstSuccessEnded: number } {
  const later = answers.filter((a) => a.startedAt >= from);
  const ok = later.filter((a) => a.status === 201);
  const failed = later.filter((a) => a.status === 503);
  return {
    firstSuccess: ok.length ? Math.min(...ok.map((a) => a.startedAt - from)) : Infinity,
    firstSuccessEnded: ok.length ? Math.min(...ok.map((a) => a.endedAt - from)) : Infinity,
    lastFailure: failed.length ? Math.max(...failed.map((a) => a.startedAt - from)) : -Infinity,
  };
}
export const fmtRecovery = (r: ReturnType<typeof recoveryAfter>) =>
  `first successful request sent ${r.firstSuccess.toFixed(0)} ms after (answered at ${r.firstSuccessEnded.toFixed(0)} ms), last 503 sent at ${r.lastFailure === -Infinity ? 'none' : `${r.lastFailure.toFixed(0)} ms`}`;


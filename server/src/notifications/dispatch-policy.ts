import type { WechatReply } from './wechat-message.port';

// Exponential backoff with jitter: attempt n waits between half and all of min(max, base·2^(n−1)),
// so instances that failed together do not retry together.
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export const TOKEN_ERRCODES = new Set([40001, 42001]);

export type Decision =
  | { state: 'sent'; refund: false; clearCredits: false }
  // final without delivery; refund = give the held credit back (WeChat did not use it)
  | { state: 'needs_resubscribe' | 'invalid' | 'bad_template' | 'dead'; refund: boolean; clearCredits: boolean; loud: boolean }
  | { state: 'retry'; delayMs: number };

// What a WeChat reply means for an event (see docs/notifications.md, "Errcodes"):
//   0       delivered
//   43101   the user has no subscription left: credits for the template → 0, needs_resubscribe, no retry, no refund
//   47003   a field WeChat refused: our bug (values are formatted to fit), logged as an error, not retried, refunded
//   40037   template id wrong (configuration): not retried, refunded, logged as an error
//   40003   openid invalid: not retried, refunded
//   40001/42001 (after the one immediate retry with a fresh token), 45009, −1, other errcodes, timeouts,
//           network errors and HTTP 5xx: retried with backoff; after maxAttempts dead-lettered and refunded
export function decide(reply: WechatReply, attempts: number, o: { maxAttempts: number; baseMs: number; maxMs: number; random?: () => number }): Decision {
  if (reply.kind === 'answer') {
    switch (reply.errcode) {
      case 0:
        return { state: 'sent', refund: false, clearCredits: false };
      case 43101:
        return { state: 'needs_resubscribe', refund: false, clearCredits: true, loud: false };
      case 47003:
      case 47001:
        return { state: 'invalid', refund: true, clearCredits: false, loud: true };
      case 40037:
        return { state: 'bad_template', refund: true, clearCredits: false, loud: true };
      case 40003:
        return { state: 'invalid', refund: true, clearCredits: false, loud: false };
    }
  }
  if (attempts >= o.maxAttempts) return { state: 'dead', refund: true, clearCredits: false, loud: true };
  return { state: 'retry', delayMs: backoffMs(attempts, o.baseMs, o.maxMs, o.random) };
}

export function describeReply(reply: WechatReply): { errcode: number | null; error: string | null } {
  return reply.kind === 'answer'
    ? { errcode: reply.errcode, error: reply.errcode === 0 ? null : `${reply.errcode} ${reply.errmsg}` }
    : { errcode: null, error: reply.reason };
}

// The subscribe-message flow without Taro (tested with fakes).
// WeChat only shows the subscribe dialog when wx.requestSubscribeMessage runs inside a user tap, so `ask` calls it
// synchronously with template ids read from a cache filled beforehand (`prefetch` on page show). Nothing here may
// block or fail the action it accompanies: every error is logged and swallowed, and the returned promise never rejects.
import type { subscribeResult } from '@jianban/shared';
import type { z } from 'zod';

export type SubscribePurpose = 'booking' | 'allowance';
export type SubscribeResult = z.infer<typeof subscribeResult>;
export interface ReportedResult {
  templateId: string;
  result: SubscribeResult;
}

/** WeChat accepts at most 3 template ids in one request */
export const MAX_TEMPLATES_PER_REQUEST = 3;
const RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

export type SubscribeOutcome =
  | 'unsupported' // not in WeChat (H5): skipped silently
  | 'no_templates' // nothing cached yet, or the server has no templates for this purpose
  | 'reported' // the user answered and the server got the answers
  | 'no_answer' // the dialog gave no usable answer (e.g. the user turned subscriptions off in settings)
  | 'failed'; // WeChat or the report failed (logged)

export interface SubscribeDeps {
  /** true in the WeChat mini-program, false on H5 */
  supported: () => boolean;
  /** wx.requestSubscribeMessage; resolves with { errMsg, [templateId]: 'accept' | … } */
  request: (tmplIds: string[]) => Promise<Record<string, unknown>>;
  /** template ids already fetched for this purpose (synchronous: no await inside the tap) */
  cached: (purpose: SubscribePurpose) => string[] | undefined;
  /** fetch and cache the template ids (GET /notifications/templates) */
  load: (purpose: SubscribePurpose) => Promise<string[]>;
  /** POST /notifications/subscriptions */
  report: (results: ReportedResult[]) => Promise<unknown>;
  log: (message: string, err?: unknown) => void;
}

/** the ids to ask for: unique, non-empty, at most 3 */
export function templateIdsToAsk(ids: readonly string[] | undefined): string[] {
  if (!ids) return [];
  return [...new Set(ids.filter((id) => typeof id === 'string' && id.length > 0))].slice(0, MAX_TEMPLATES_PER_REQUEST);
}

/** WeChat's answer → one result per asked template (unknown values and other keys such as errMsg are dropped) */
export function resultsFrom(answer: Record<string, unknown> | null | undefined, asked: readonly string[]): ReportedResult[] {
  if (!answer || typeof answer !== 'object') return [];
  const out: ReportedResult[] = [];
  for (const templateId of asked) {
    const v = answer[templateId];
    if (typeof v === 'string' && RESULTS.includes(v)) out.push({ templateId, result: v as SubscribeResult });
  }
  return out;
}

export function createSubscriber(deps: SubscribeDeps) {
  const safeLog = (message: string, err?: unknown) => {
    try {
      deps.log(message, err);
    } catch {
      // logging must not break anything either
    }
  };

  /** on page show: fetch the templates so the tap handler finds them cached */
  function prefetch(purpose: SubscribePurpose): void {
    try {
      if (!deps.supported() || deps.cached(purpose)) return;
      deps.load(purpose).catch((err) => safeLog(`subscribe: templates for ${purpose} not loaded`, err));
    } catch (err) {
      safeLog('subscribe: prefetch failed', err);
    }
  }

  /**
   * Call FIRST in the tap handler, and do not await it before the action: the WeChat dialog opens at once
   * (synchronously, inside the gesture); the answers are reported in the background.
   */
  function ask(purpose: SubscribePurpose): Promise<SubscribeOutcome> {
    let pending: Promise<Record<string, unknown>>;
    let ids: string[];
    try {
      if (!deps.supported()) return Promise.resolve('unsupported');
      ids = templateIdsToAsk(deps.cached(purpose));
      if (ids.length === 0) {
        // nothing cached (the prefetch failed or has not finished): fetch for the next tap, never wait now
        prefetch(purpose);
        return Promise.resolve('no_templates');
      }
      pending = deps.request(ids); // synchronous call inside the gesture
    } catch (err) {
      safeLog('subscribe: requestSubscribeMessage threw', err);
      return Promise.resolve('failed');
    }
    return Promise.resolve(pending)
      .then(async (answer): Promise<SubscribeOutcome> => {
        const results = resultsFrom(answer, ids);
        if (results.length === 0) return 'no_answer';
        await deps.report(results);
        return 'reported';
      })
      .catch((err: unknown): SubscribeOutcome => {
        safeLog('subscribe: request or report failed', err);
        return 'failed';
      });
  }

  return { prefetch, ask };
}

import { maskIdNumber, normalizeIdNumber } from '@jianban/shared';
import type { Logger } from 'pino';
import { scrubString } from '../common/log-scrub';
import { CivilAffairsRegistry, type HouseholdLookup, type RegistryLookup, type RegistryPerson } from './civil-affairs.port';
import type { DataSharingConfig } from './data-sharing.config';
import { DataSharingSigner } from './data-sharing.signer';

// Adapter 2: the civil-affairs registry through a government data-sharing service over HTTP (the local peer in
// development and tests: scripts/civil-affairs-peer). It owns every vendor detail: request signing, the service's field
// names and per-item codes, batching by the service's limit, bounded timeouts and retries. Expected outcomes are values:
// an outage, a refusal or a rate limit past the budget is `unavailable` (with the service's Retry-After when it gave one),
// never an exception. ID numbers are masked in every log line it writes.

export const BATCH_PATH = '/api/v1/hukou/persons/batch-query';
export const HOUSEHOLD_PATH = '/api/v1/hukou/households/';
/** the service's per-item and household codes */
export const SHARING_CODE = { ok: 0, notFound: 1001, invalidId: 1002 } as const;

export interface HttpRegistryOptions extends DataSharingConfig {
  /** first retry waits about this long, doubling each time (with jitter) up to retryMaxMs */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** attempts per request, the first included */
  maxAttempts?: number;
  /** batch requests in flight at once for one lookupMany */
  concurrency?: number;
}

type Unavailable = { kind: 'unavailable'; reason: string; retryAfterMs?: number };
type CallResult = { kind: 'ok'; json: Record<string, unknown> } | Unavailable;
type Attempt = { kind: 'answer'; status: number; json: Record<string, unknown> | null; retryAfterMs?: number } | { kind: 'failed'; reason: 'timeout' | 'network' };

/** the service's wire form of a person */
interface WirePerson {
  sfzh?: unknown;
  xm?: unknown;
  xbdm?: unknown;
  csrq?: unknown;
  hjqhdm?: unknown;
  hh?: unknown;
  swrq?: unknown;
  qcrq?: unknown;
}

const ID_SHAPE = /^[1-9]\d{16}[\dX]$/;
/** the least time worth starting another attempt with */
const MIN_ATTEMPT_MS = 100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpRegistryAdapter extends CivilAffairsRegistry {
  private readonly signer: DataSharingSigner;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;

  constructor(
    private readonly o: HttpRegistryOptions,
    private readonly log: Logger,
    private readonly nowMs: () => number = Date.now,
  ) {
    super();
    this.signer = new DataSharingSigner(o.appKey, o.appSecret, nowMs);
    this.retryBaseMs = o.retryBaseMs ?? 200;
    this.retryMaxMs = o.retryMaxMs ?? 2000;
    this.maxAttempts = o.maxAttempts ?? 5;
    this.concurrency = o.concurrency ?? 2;
  }

  async lookup(idNumber: string): Promise<RegistryLookup> {
    const id = normalizeIdNumber(idNumber);
    const answers = await this.lookupMany([id]);
    return answers.get(id) ?? { kind: 'unavailable', reason: 'no answer' };
  }

  async lookupMany(idNumbers: readonly string[]): Promise<ReadonlyMap<string, RegistryLookup>> {
    const deadline = this.nowMs() + this.o.budgetMs;
    const distinct = [...new Set(idNumbers.map((raw) => normalizeIdNumber(raw)))];
    const answers = new Map<string, RegistryLookup>();
    // a string that is not even shaped like an ID number cannot be registered: not asked about
    const toAsk = distinct.filter((id) => ID_SHAPE.test(id));
    const chunks: string[][] = [];
    for (let i = 0; i < toAsk.length; i += this.o.batchSize) chunks.push(toAsk.slice(i, i + this.o.batchSize));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        for (const [id, answer] of await this.batch(chunk, deadline)) answers.set(id, answer);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, chunks.length) }, worker));
    return new Map(distinct.map((id) => [id, answers.get(id) ?? { kind: 'not-found', source: 'data-sharing' }]));
  }

  async household(householdNo: string): Promise<HouseholdLookup> {
    const hh = householdNo.trim();
    if (!hh) return { kind: 'not-found', source: 'data-sharing' };
    const r = await this.call('GET', HOUSEHOLD_PATH + encodeURIComponent(hh), undefined, this.nowMs() + this.o.budgetMs, 'household', 1);
    if (r.kind === 'unavailable') return r;
    if (r.json.code === SHARING_CODE.notFound) return { kind: 'not-found', source: 'data-sharing' };
    const data = r.json.data as { members?: unknown } | undefined;
    if (r.json.code !== SHARING_CODE.ok || !Array.isArray(data?.members)) return this.badReply('household', r.json);
    const members: RegistryPerson[] = [];
    for (const raw of data.members as WirePerson[]) {
      const person = this.toPerson(raw);
      if (!person) return { kind: 'unavailable', reason: 'the service sent a malformed member record' };
      members.push(person);
    }
    return { kind: 'found', householdNo: hh, members, asOf: new Date(this.nowMs()), source: 'data-sharing' };
  }

  // one batch request (≤ batchSize ID numbers) → one answer per ID number asked
  private async batch(ids: string[], deadline: number): Promise<Map<string, RegistryLookup>> {
    const out = new Map<string, RegistryLookup>();
    const r = await this.call('POST', BATCH_PATH, JSON.stringify({ sfzh: ids }), deadline, 'persons_batch', ids.length);
    if (r.kind === 'unavailable') {
      for (const id of ids) out.set(id, r);
      return out;
    }
    const items = (r.json.data as { items?: unknown } | undefined)?.items;
    if (r.json.code !== SHARING_CODE.ok || !Array.isArray(items)) {
      const bad = this.badReply('persons_batch', r.json);
      for (const id of ids) out.set(id, bad);
      return out;
    }
    const asOf = new Date(this.nowMs());
    const byId = new Map<string, { code?: unknown; data?: WirePerson }>();
    for (const item of items as { sfzh?: unknown; code?: unknown; data?: WirePerson }[]) {
      if (item && typeof item.sfzh === 'string') byId.set(normalizeIdNumber(item.sfzh), item);
    }
    for (const id of ids) out.set(id, this.toLookup(id, byId.get(id), asOf));
    return out;
  }

  private toLookup(id: string, item: { code?: unknown; data?: WirePerson } | undefined, asOf: Date): RegistryLookup {
    if (!item) {
      this.log.warn({ id: maskIdNumber(id) }, 'data-sharing: the batch answer has no item for this ID number');
      return { kind: 'unavailable', reason: 'no answer for this ID number' };
    }
    if (item.code === SHARING_CODE.notFound) return { kind: 'not-found', source: 'data-sharing' };
    if (item.code === SHARING_CODE.invalidId) {
      this.log.info({ id: maskIdNumber(id) }, 'data-sharing: the service calls this ID number invalid');
      return { kind: 'not-found', source: 'data-sharing' };
    }
    const person = item.code === SHARING_CODE.ok && item.data ? this.toPerson(item.data) : null;
    if (!person || person.idNumber !== id) {
      this.log.warn({ id: maskIdNumber(id), code: typeof item.code === 'number' ? item.code : null }, 'data-sharing: unusable item in the batch answer');
      return { kind: 'unavailable', reason: 'the service sent an unusable record' };
    }
    return { kind: 'found', person, asOf, source: 'data-sharing' };
  }

  /** the wire form → the port's person, or null when a field is missing or malformed */
  private toPerson(w: WirePerson): RegistryPerson | null {
    const date = (v: unknown): string | null | undefined => {
      if (v === '' || v === null || v === undefined) return null;
      return typeof v === 'string' && /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : undefined;
    };
    const idNumber = typeof w.sfzh === 'string' ? normalizeIdNumber(w.sfzh) : '';
    const name = typeof w.xm === 'string' ? w.xm.trim() : '';
    const sex = w.xbdm === '1' ? 'male' : w.xbdm === '2' ? 'female' : null;
    const birthDate = date(w.csrq);
    const deathDate = date(w.swrq);
    const movedOutDate = date(w.qcrq);
    const hukouRegionCode = typeof w.hjqhdm === 'string' && /^\d{12}$/.test(w.hjqhdm) ? w.hjqhdm : null;
    const householdNo = typeof w.hh === 'string' ? w.hh.trim() : '';
    if (!ID_SHAPE.test(idNumber) || !name || !sex || !birthDate || deathDate === undefined || movedOutDate === undefined || !hukouRegionCode || !householdNo) {
      return null;
    }
    return { idNumber, name, sex, birthDate, hukouRegionCode, householdNo, deathDate, movedOutDate };
  }

  private badReply(endpoint: string, json: Record<string, unknown>): Unavailable {
    const code = typeof json.code === 'number' ? json.code : null;
    this.log.warn({ endpoint, code, message: scrubString(String(json.message ?? '')) }, 'data-sharing: unexpected answer');
    return { kind: 'unavailable', reason: `unexpected answer (code ${code ?? 'none'})` };
  }

  /**
   * One logical request with retries inside the deadline: 5xx, timeouts and network errors are retried with backoff;
   * a 429 waits for its Retry-After when that still fits; anything else (a refused signature, a bad request) is not
   * retried. Each attempt is signed afresh (the service refuses a nonce twice).
   */
  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, deadline: number, endpoint: string, items: number): Promise<CallResult> {
    const url = new URL(this.o.baseUrl + path);
    let last = 'not tried';
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - this.nowMs();
      if (remaining <= 0) return this.giveUp(endpoint, items, attempt - 1, `time budget spent (last: ${last})`);
      const started = this.nowMs();
      const timeoutMs = Math.min(this.o.timeoutMs, remaining);
      const r = await this.attempt(method, url, body, timeoutMs);
      const ms = this.nowMs() - started;
      if (r.kind === 'answer' && r.status === 200 && r.json) {
        this.log.debug({ endpoint, items, attempt, status: 200, ms }, 'data-sharing request');
        return { kind: 'ok', json: r.json };
      }
      let waitMs: number;
      if (r.kind === 'failed') {
        // an attempt cut short by the budget (not by its own timeout) says nothing new about the service
        last = r.reason === 'timeout' && timeoutMs < this.o.timeoutMs && attempt > 1 ? `${last}, then out of time` : r.reason;
        waitMs = this.backoff(attempt);
      } else if (r.status === 429) {
        last = 'http 429';
        waitMs = r.retryAfterMs ?? this.backoff(attempt);
        if (this.nowMs() + waitMs > deadline || attempt >= this.maxAttempts) {
          return this.giveUp(endpoint, items, attempt, 'rate limited by the service', r.retryAfterMs);
        }
      } else if (r.status >= 500 || r.status === 200) {
        last = r.status === 200 ? 'a reply that is not JSON' : `http ${r.status}`;
        waitMs = r.retryAfterMs ?? this.backoff(attempt);
      } else {
        // a refusal (401 signature / timestamp / app key, 400 batch too large …) will not change by retrying
        const code = typeof r.json?.code === 'number' ? r.json.code : null;
        this.log.error({ endpoint, items, status: r.status, code, message: scrubString(String(r.json?.message ?? '')) }, 'data-sharing: the service refused the request (check the app key, secret and clock)');
        return { kind: 'unavailable', reason: `refused by the service: http ${r.status}${code === null ? '' : ` code ${code}`}` };
      }
      // another attempt only when it still has a useful slice of the budget after the wait
      if (attempt >= this.maxAttempts || this.nowMs() + waitMs + Math.min(MIN_ATTEMPT_MS, this.o.timeoutMs) > deadline) {
        return this.giveUp(endpoint, items, attempt, last, r.kind === 'answer' ? r.retryAfterMs : undefined);
      }
      this.log.warn({ endpoint, items, attempt, reason: last, ms, retryInMs: waitMs }, 'data-sharing request failed, retrying');
      await sleep(waitMs);
    }
  }

  private giveUp(endpoint: string, items: number, attempts: number, reason: string, retryAfterMs?: number): Unavailable {
    this.log.warn({ endpoint, items, attempts, reason, retryAfterMs }, 'data-sharing: giving up, the registry is unavailable');
    return { kind: 'unavailable', reason: `data-sharing service: ${reason}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1));
    return Math.round(base / 2 + Math.random() * (base / 2)); // "equal jitter": two servers never retry in step
  }

  private async attempt(method: 'GET' | 'POST', url: URL, body: string | undefined, timeoutMs: number): Promise<Attempt> {
    const headers: Record<string, string> = {
      ...this.signer.sign({ method, path: url.pathname, query: url.searchParams, body: body ?? '' }),
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    };
    try {
      const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      return { kind: 'answer', status: res.status, json: parseObject(text), retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.nowMs()) };
    } catch (err) {
      return { kind: 'failed', reason: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
  }
}

/** Retry-After as seconds or an HTTP date → ms from now (undefined when absent or unreadable) */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

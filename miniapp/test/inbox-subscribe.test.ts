// the subscribe-message flow with fakes: the WeChat call happens synchronously inside the tap, nothing blocks or throws
import { describe, expect, it, jest } from '@jest/globals';
import { createSubscriber, resultsFrom, templateIdsToAsk, type SubscribeDeps } from '../src/features/notifications/subscribe-core';

function fakes(over: Partial<SubscribeDeps> = {}) {
  const calls = { request: [] as string[][], report: [] as unknown[], load: 0, log: [] as string[] };
  const cache = new Map<string, string[]>();
  const deps: SubscribeDeps = {
    supported: () => true,
    request: async (ids) => {
      calls.request.push(ids);
      return Object.fromEntries([['errMsg', 'requestSubscribeMessage:ok'], ...ids.map((id, i) => [id, i === 0 ? 'accept' : 'reject'])]);
    },
    cached: (p) => cache.get(p),
    load: async (p) => {
      calls.load += 1;
      cache.set(p, ['t-confirmed', 't-rejected']);
      return cache.get(p)!;
    },
    report: async (results) => {
      calls.report.push(results);
      return { items: [] };
    },
    log: (m) => void calls.log.push(m),
    ...over,
  };
  return { deps, calls, cache };
}

describe('templateIdsToAsk / resultsFrom', () => {
  it('asks for at most 3 distinct, non-empty ids', () => {
    expect(templateIdsToAsk(['a', 'a', '', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c']);
    expect(templateIdsToAsk(undefined)).toEqual([]);
  });
  it('keeps only known answers for asked templates', () => {
    expect(resultsFrom({ errMsg: 'ok', a: 'accept', b: 'ban', c: 'weird', z: 'accept' }, ['a', 'b', 'c'])).toEqual([
      { templateId: 'a', result: 'accept' },
      { templateId: 'b', result: 'ban' },
    ]);
    expect(resultsFrom(null, ['a'])).toEqual([]);
  });
});

describe('createSubscriber', () => {
  it('calls WeChat synchronously inside the tap with the prefetched ids, then reports the answers', async () => {
    const { deps, calls } = fakes();
    const s = createSubscriber(deps);
    s.prefetch('booking');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.load).toBe(1);
    const outcome = s.ask('booking');
    // before any await: the dialog was requested within the gesture
    expect(calls.request).toEqual([['t-confirmed', 't-rejected']]);
    await expect(outcome).resolves.toBe('reported');
    expect(calls.report).toEqual([[{ templateId: 't-confirmed', result: 'accept' }, { templateId: 't-rejected', result: 'reject' }]]);
  });

  it('skips silently where subscribe messages do not exist (H5)', async () => {
    const { deps, calls } = fakes({ supported: () => false });
    const s = createSubscriber(deps);
    s.prefetch('booking');
    await expect(s.ask('booking')).resolves.toBe('unsupported');
    expect(calls.load).toBe(0);
    expect(calls.request).toEqual([]);
  });

  it('does not wait for the server inside the tap when nothing is cached: it fetches for next time', async () => {
    const { deps, calls, cache } = fakes();
    const s = createSubscriber(deps);
    await expect(s.ask('booking')).resolves.toBe('no_templates');
    expect(calls.request).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.get('booking')).toEqual(['t-confirmed', 't-rejected']);
    expect(s.ask('booking')).toBeInstanceOf(Promise);
    expect(calls.request).toHaveLength(1);
  });

  it('never rejects: a WeChat failure, a throwing call, a failed report and a failed prefetch are logged and swallowed', async () => {
    const failing = fakes({ request: async () => Promise.reject({ errMsg: 'requestSubscribeMessage:fail cancel' }) });
    failing.cache.set('booking', ['t']);
    await expect(createSubscriber(failing.deps).ask('booking')).resolves.toBe('failed');
    expect(failing.calls.log.length).toBe(1);

    const throwing = fakes({ request: () => { throw new Error('not a tap'); } });
    throwing.cache.set('booking', ['t']);
    await expect(createSubscriber(throwing.deps).ask('booking')).resolves.toBe('failed');

    const reportFails = fakes({ report: async () => Promise.reject(new Error('500')) });
    reportFails.cache.set('booking', ['t']);
    await expect(createSubscriber(reportFails.deps).ask('booking')).resolves.toBe('failed');

    const loadFails = fakes({ load: async () => Promise.reject(new Error('offline')), log: () => { throw new Error('log broken'); } });
    const s = createSubscriber(loadFails.deps);
    expect(() => s.prefetch('booking')).not.toThrow();
    await expect(s.ask('booking')).resolves.toBe('no_templates');
  });

  it('reports nothing when the dialog gave no answer for our templates', async () => {
    const { deps, calls, cache } = fakes({ request: async () => ({ errMsg: 'requestSubscribeMessage:ok' }) });
    cache.set('booking', ['t']);
    await expect(createSubscriber(deps).ask('booking')).resolves.toBe('no_answer');
    expect(calls.report).toEqual([]);
  });

  it('lets the accompanying action go ahead at once (the answer is not awaited by the caller)', async () => {
    let release: (v: Record<string, unknown>) => void = () => undefined;
    const { deps, cache } = fakes({ request: () => new Promise((ok) => (release = ok)) });
    cache.set('booking', ['t']);
    const action = jest.fn();
    const outcome = createSubscriber(deps).ask('booking');
    action();
    expect(action).toHaveBeenCalledTimes(1);
    release({ t: 'accept' });
    await expect(outcome).resolves.toBe('reported');
  });
});

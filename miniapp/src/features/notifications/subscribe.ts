// The subscribe-message helper bound to Taro, the HTTP client and the query cache.
// Usage in a submit handler:  const onSubmit = () => { void askToSubscribe('booking'); submit(); };
// and on the page:            useSubscribePrefetch('booking');
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { routeRefs } from '@jianban/shared';
import { call } from '../../services/http';
import { queryClient } from '../../services/query';
import { getSession, useSession } from '../../services/session';
import { templateKeys } from './keys';
import { createSubscriber, type SubscribePurpose } from './subscribe-core';

export type { SubscribeOutcome, SubscribePurpose } from './subscribe-core';

const TEMPLATES_STALE_MS = 60 * 60_000;

function residentId(): string | null {
  const { me } = getSession();
  return me?.kind === 'resident' ? me.id : null;
}

const subscriber = createSubscriber({
  // only residents subscribe; staff and H5 skip silently
  supported: () => process.env.TARO_ENV === 'weapp' && typeof Taro.requestSubscribeMessage === 'function' && residentId() !== null,
  request: (tmplIds) =>
    Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]) as unknown as Promise<Record<string, unknown>>,
  cached: (purpose) => {
    const me = residentId();
    if (!me) return undefined;
    const data = queryClient.getQueryData<{ items: { templateId: string }[] }>(templateKeys.purpose(me, purpose));
    return data?.items.map((t) => t.templateId);
  },
  load: async (purpose) => {
    const me = residentId();
    if (!me) return [];
    const data = await queryClient.fetchQuery({
      queryKey: templateKeys.purpose(me, purpose),
      queryFn: () => call(routeRefs.subscriptionTemplates, { purpose }),
      staleTime: TEMPLATES_STALE_MS,
    });
    return data.items.map((t) => t.templateId);
  },
  report: (results) => call(routeRefs.reportSubscriptions, { results }),
  log: (message, err) => console.warn(`[jianban] ${message}`, err instanceof Error ? err.message : err),
});

/** call first in a tap handler; never await it before the action it accompanies */
export const askToSubscribe = (purpose: SubscribePurpose) => subscriber.ask(purpose);
export const prefetchSubscribeTemplates = (purpose: SubscribePurpose) => subscriber.prefetch(purpose);

/** on the page with the submit button: fetch the template ids on show (and once signed in) */
export function useSubscribePrefetch(purpose: SubscribePurpose): void {
  const { me } = useSession();
  const meId = me?.kind === 'resident' ? me.id : '';
  useEffect(() => {
    if (meId) prefetchSubscribeTemplates(purpose);
  }, [meId, purpose]);
  useDidShow(() => prefetchSubscribeTemplates(purpose));
}

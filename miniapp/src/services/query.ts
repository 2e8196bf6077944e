import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not change by asking again; one retry for a 5xx. A request that never got an answer (offline, or the
      // 7 s timeout) is not retried behind her back: the page says so at once and offers 再试一次 (issue 14: within 8 s)
      retry: (count, err) => err instanceof ApiError && err.status >= 500 && count < 1,
      // TanStack's default ('online') PAUSES requests while the browser reports no network and sends them when it comes
      // back: 确认预约 spun with no word and the booking went out later in the background (issue 14). Always ask, and
      // let a request without network fail at once so the page can say so
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type InboxMessageView } from '@jianban/shared';
import { call } from '../../services/http';
import { useMeId } from '../../services/session';
import { inboxKeys } from './keys';
import { INBOX_PAGE_SIZE, nextInboxPage } from './inbox';

/** the inbox, newest first, one page at a time ("更多" loads the next) */
export function useInbox() {
  const meId = useMeId();
  return useInfiniteQuery({
    queryKey: inboxKeys.list(meId),
    queryFn: ({ pageParam }) => call(routeRefs.listInbox, { page: pageParam, pageSize: INBOX_PAGE_SIZE }),
    initialPageParam: 1,
    getNextPageParam: (last) => nextInboxPage(last),
    enabled: !!meId,
    staleTime: 10_000,
  });
}

export function useUnreadCount() {
  const meId = useMeId();
  return useQuery({
    queryKey: inboxKeys.unread(meId),
    queryFn: () => call(routeRefs.inboxUnread, {}),
    enabled: !!meId,
    staleTime: 10_000,
  });
}

export function useInboxMessage(id: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: inboxKeys.message(meId, id),
    queryFn: () => call(routeRefs.getInboxMessage, {}, { id }),
    enabled: !!meId && !!id,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  const meId = useMeId();
  return useMutation({
    mutationFn: (id: string) => call(routeRefs.markInboxRead, {}, { id }),
    onSuccess: (m: InboxMessageView) => {
      qc.setQueryData(inboxKeys.message(meId, m.id), m);
      void qc.invalidateQueries({ queryKey: inboxKeys.list(meId) });
      void qc.invalidateQueries({ queryKey: inboxKeys.unread(meId) });
    },
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  const meId = useMeId();
  return useMutation({
    mutationFn: () => call(routeRefs.markAllInboxRead, {}),
    onSuccess: (r) => {
      qc.setQueryData(inboxKeys.unread(meId), { unread: r.unread });
      void qc.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}
